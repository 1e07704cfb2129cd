/**
 * The fuzz suite on request: `npm run fuzz -- --runs 100000 [--seed 1] [--slack 1] [--tfjs]`.
 * Runs the same properties as tests/unit/hostile/fuzz.test.ts over many more formulas (typed
 * formulas from the grammar and raw text), and prints the counts: tried, refused, crashed, hung,
 * injected, wrong, with the first examples of each failure and the slowest validate/sample times.
 * Exit code 1 when anything crashed, hung, was injected or was wrong.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { formulaCase, rawText } from './formulaArbitrary';
import { checkFormula, type Verdict } from './formulaProperties';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const runs = option('runs', 2000);
  const seed = option('seed', 1);
  const slack = option('slack', 1);
  const tfjs = process.argv.includes('--tfjs');
  await tf.setBackend('cpu');
  const counts: Record<Verdict | 'tried', number> = { tried: 0, accepted: 0, refused: 0, crashed: 0, hung: 0, injected: 0, wrong: 0 };
  const examples: string[] = [];
  let slowestValidate = 0;
  let slowestSample = 0;
  const cases = fc.sample(fc.oneof({ weight: 9, arbitrary: formulaCase }, { weight: 1, arbitrary: rawText.map((formula) => ({ formula, params: [] })) }), { numRuns: runs, seed });
  const t0 = performance.now();
  for (const c of cases) {
    const o = checkFormula(c, { slack, tfjs });
    counts.tried++;
    counts[o.verdict]++;
    slowestValidate = Math.max(slowestValidate, o.validateMs ?? 0);
    slowestSample = Math.max(slowestSample, o.sampleMs ?? 0);
    if (o.verdict !== 'accepted' && o.verdict !== 'refused' && examples.length < 20) {
      examples.push(`${o.verdict}: ${JSON.stringify(c.formula.slice(0, 160))} params ${JSON.stringify(c.params)} → ${o.detail}`);
    }
    if (counts.tried % 1000 === 0) console.error(`… ${counts.tried} / ${runs}`);
  }
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`fuzz (seed ${seed}, ${s} s): tried ${counts.tried}, accepted ${counts.accepted}, refused ${counts.refused}, crashed ${counts.crashed}, hung ${counts.hung}, injected ${counts.injected}, wrong ${counts.wrong}`);
  console.log(`slowest validate ${slowestValidate.toFixed(1)} ms (budget 100), slowest sampling of f, f′, f″ at 2,001 points ${slowestSample.toFixed(1)} ms (budget 50)`);
  for (const e of examples) console.log(e);
  process.exit(counts.crashed + counts.hung + counts.injected + counts.wrong > 0 ? 1 : 0);
}

void main();
