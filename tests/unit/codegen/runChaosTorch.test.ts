/**
 * Issue 15 evidence, chaotic runs: runs that a 1-ulp nudge of the initial weights sends elsewhere
 * (large learning rates on the polynomial and rational families). For each, the exported script
 * must say in words from which epoch the run is chaotic, check nothing from there on, and, run
 * with real PyTorch, agree with the run file within its stated bound through the epoch before.
 * The reference is the run file's own history (not the script's verdict).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedSchedule, exportRunPyTorch } from '../../../src/core/codegen/pytorch-run';
import { measureSensitivity, trainRun, type RunFile, type RunSensitivity, type RunSetup } from '../../../src/core/runfile/index';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { realTorch, runTorchScripts, skipNote } from './realTorch';

const moons: RunSetup = { dataset: { name: 'moons', n: 100, noise: 0.1, testFraction: 0.2, seed: 2 }, hidden: [8, 6], lr: 0.05, batchSize: 16, epochs: 20 };
const CHAOS_CASES = [
  { name: 'chebyshev-lr1-moons', setup: { ...moons, lr: 0.1 }, activation: { id: 'chebyshev' }, seed: 21 },
  { name: 'chebyshev-lr05-circle', setup: { ...moons, dataset: { ...moons.dataset, name: 'circle' } }, activation: { id: 'chebyshev' }, seed: 22 },
  { name: 'chebyshev-lr05-spiral3', setup: { ...moons, dataset: { ...moons.dataset, name: 'spiral3' } }, activation: { id: 'chebyshev' }, seed: 25 },
  { name: 'chebyshev-lr05-xor', setup: { ...moons, dataset: { ...moons.dataset, name: 'xor' } }, activation: { id: 'chebyshev' }, seed: 28 },
];
/** Sensitive but not chaotic (PAU at lr 0.1 leaves 1e-4 after epoch 9, stays under 1e-2): the bound it states rises, and holds. */
const SENSITIVE_CASE = { name: 'pau-lr1-moons', setup: { ...moons, lr: 0.1 }, activation: { id: 'pau' }, seed: 23 };

const outDir = mkdtempSync(join(tmpdir(), 'run-chaos-'));

interface Measured {
  name: string;
  file: RunFile;
  sensitivity: RunSensitivity;
  schedule: (number | null)[];
  path: string;
}
const runs: Measured[] = [];
let sensitive: Measured;

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const c of [...CHAOS_CASES, SENSITIVE_CASE]) {
    const file = JSON.parse(JSON.stringify(await trainRun(c.setup, { activation: c.activation, seed: c.seed }, { resolveActivation: registryResolver }))) as RunFile;
    const sensitivity = await measureSensitivity(file, { resolveActivation: registryResolver });
    const path = join(outDir, `${c.name.replace(/-/g, '_')}.py`);
    writeFileSync(path, exportRunPyTorch(file, { sensitivity }));
    const m = { name: c.name, file, sensitivity, schedule: expectedSchedule(file, sensitivity), path };
    if (c === SENSITIVE_CASE) sensitive = m;
    else runs.push(m);
  }
}, 180_000);

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('chaotic runs: the script names the epoch, and agreement holds up to it (real PyTorch)', () => {
  it('the sensitive PAU run is not chaotic; its stated bound rises above 1e-4 where its own sensitivity does', () => {
    expect(sensitive.sensitivity.chaoticFrom).toBeNull();
    const through = sensitive.sensitivity.reproducibleThrough;
    expect(through).toBeLessThan(sensitive.file.history.length - 1);
    expect(sensitive.schedule.every((b) => b !== null && b >= 1e-4)).toBe(true);
    expect(Math.max(...(sensitive.schedule as number[]))).toBeGreaterThan(1e-3);
  });

  it('each run turns chaotic, and its script says from which epoch and leaves those epochs unchecked', () => {
    for (const m of runs) {
      const from = m.sensitivity.chaoticFrom;
      expect(from, m.name).not.toBeNull();
      const source = readFileSync(m.path, 'utf8');
      expect(source, m.name).toContain(`Beyond epoch ${(from as number) - 1} this run is chaotic`);
      expect(m.schedule.slice(from as number).every((b) => b === null), m.name).toBe(true);
      expect(m.schedule.slice(0, from as number).every((b) => b !== null && b >= 1e-4), m.name).toBe(true);
    }
  });

  it.skipIf(!realTorch.ok)(`the scripts agree with their run files within the stated bound before the chaotic epoch${skipNote}`, () => {
    const outputs = runTorchScripts([...runs, sensitive].map((m) => m.path));
    const failures: string[] = [];
    const table: string[] = [];
    runs.forEach((m, i) => {
      const rows = outputs[i].split('\n').filter((l) => /^\s*\d+\s/.test(l)).map((l) => l.trim().split(/\s+/));
      expect(rows).toHaveLength(m.file.history.length);
      const from = m.sensitivity.chaoticFrom as number;
      let before = 0;
      let after = 0;
      rows.forEach((cols, e) => {
        const h = m.file.history[e];
        const d = Math.max(rel(Number(cols[1]), h.trainLoss as number), rel(Number(cols[2]), h.testLoss as number));
        if (e < from) before = Math.max(before, d);
        else after = Math.max(after, d);
        const bound = m.schedule[e];
        if (bound !== null && d > bound) failures.push(`${m.name} epoch ${e}: ${d.toPrecision(2)} > stated ${bound}`);
      });
      if (!/\(within the expected per-epoch bound; epochs \d+\.\. are chaotic and not checked\)/.test(outputs[i])) failures.push(`${m.name}: ${outputs[i].trim().split('\n').slice(-2)[0]}`);
      table.push(`${m.name} | chaotic from ${from} | script vs file before ${before.toPrecision(2)}, from there ${after.toPrecision(2)} | 1-ulp sensitivity ${m.sensitivity.maxLoss.toPrecision(2)}`);
    });
    const out = outputs[runs.length];
    const rows = out.split('\n').filter((l) => /^\s*\d+\s/.test(l)).map((l) => l.trim().split(/\s+/));
    expect(rows).toHaveLength(sensitive.file.history.length);
    let worst = 0;
    rows.forEach((cols, e) => {
      const h = sensitive.file.history[e];
      const d = Math.max(rel(Number(cols[1]), h.trainLoss as number), rel(Number(cols[2]), h.testLoss as number));
      worst = Math.max(worst, d);
      if (d > (sensitive.schedule[e] as number)) failures.push(`${sensitive.name} epoch ${e}: ${d.toPrecision(2)} > stated ${sensitive.schedule[e]}`);
    });
    if (!/\(within the expected per-epoch bound\)/.test(out)) failures.push(`${sensitive.name}: ${out.trim().split('\n').slice(-2)[0]}`);
    table.push(`${sensitive.name} | not chaotic, beyond 1e-4 from ${sensitive.sensitivity.reproducibleThrough + 1} | script vs file ${worst.toPrecision(2)} | 1-ulp sensitivity ${sensitive.sensitivity.maxLoss.toPrecision(2)}`);
    console.log(table.join('\n'));
    expect(failures).toEqual([]);
  }, 60_000);
});
