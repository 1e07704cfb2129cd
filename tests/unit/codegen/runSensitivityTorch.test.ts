/**
 * Issue 15 evidence: run scripts for a dozen runs of different kinds, run with real PyTorch against
 * their run files, each within the per-epoch agreement the script itself states, which comes from
 * the run's own measured 1-ulp sensitivity. The test reads the script's printed per-epoch losses
 * and compares them with the run file itself (not the script's own verdict); it also checks that
 * the script's verdict agrees. One Python process runs all scripts (torch imports once).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedSchedule, exportRunPyTorch } from '../../../src/core/codegen/pytorch-run';
import { CodegenError } from '../../../src/core/codegen/python-expr';
import { measureSensitivity, trainRun, type RunFile, type RunSensitivity } from '../../../src/core/runfile/index';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { realTorch, runTorchScripts, skipNote } from './realTorch';
import { RUN_CASES, STOCHASTIC_CASE, type RunCase } from './runCases';

const outDir = mkdtempSync(join(tmpdir(), 'run-sensitivity-'));

/** Runs every script's main() in one interpreter; prints each one's stdout as a JSON list. */

interface Measured {
  c: RunCase;
  file: RunFile;
  sensitivity: RunSensitivity;
  schedule: (number | null)[];
  path: string;
}
const runs: Measured[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const c of RUN_CASES) {
    const file = JSON.parse(JSON.stringify(await trainRun(c.setup, { activation: c.activation, seed: c.seed }, { resolveActivation: registryResolver }))) as RunFile;
    const sensitivity = await measureSensitivity(file, { resolveActivation: registryResolver });
    const path = join(outDir, `${c.name.replace(/-/g, '_')}.py`);
    writeFileSync(path, exportRunPyTorch(file, { sensitivity }));
    runs.push({ c, file, sensitivity, schedule: expectedSchedule(file, sensitivity), path });
  }
}, 120_000);

/** |a − b| / max(|b|, 1e-12), as the script and the sensitivity measure it. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('run scripts against their run files, within the agreement each states (real PyTorch)', () => {
  it('the dozen cases cover the kinds the issue names', () => {
    expect(runs).toHaveLength(12);
    const tasks = new Set(runs.map((r) => r.file.data.task));
    expect(tasks).toEqual(new Set(['binary', 'multiclass', 'regression']));
    expect(runs.some((r) => r.file.batchOrder.kind !== 'permutations')).toBe(true);
    expect(runs.some((r) => r.file.initial.layers[0].V)).toBe(true);
    expect(new Set(runs.map((r) => r.file.config.optimizer.name))).toEqual(new Set(['adam', 'momentum', 'sgd']));
    expect(runs.filter((r) => r.file.initial.learnable.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  // At least one case (chebyshev at lr 0.05) turns chaotic: its script must say so in words and not check those epochs.
  it('a chaotic run: the script says from which epoch, by how much, and leaves those epochs unchecked', () => {
    const chaotic = runs.filter((m) => m.sensitivity.chaoticFrom !== null);
    expect(chaotic.length).toBeGreaterThanOrEqual(1);
    for (const m of chaotic) {
      const from = m.sensitivity.chaoticFrom as number;
      const source = readFileSync(m.path, 'utf8');
      expect(source).toContain(`Beyond epoch ${from - 1} this run is chaotic: a 1-ulp nudge of the initial weights moves its\nloss by ${m.sensitivity.epochs[from].loss.toPrecision(2)} at epoch ${from}`);
      expect(m.schedule.slice(from).every((b) => b === null)).toBe(true);
      expect(m.schedule.slice(0, from).every((b) => b !== null && b >= 1e-4)).toBe(true);
    }
  });

  it.skipIf(!realTorch.ok)(`every script's per-epoch losses are within its stated bound of the run file${skipNote}`, () => {
    const outputs = runTorchScripts(runs.map((m) => m.path));
    const table: string[] = [];
    const failures: string[] = [];
    runs.forEach((m, i) => {
      const rows = outputs[i].split('\n').filter((l) => /^\s*\d+\s/.test(l)).map((l) => l.trim().split(/\s+/));
      expect(rows).toHaveLength(m.file.history.length);
      let worst = 0;
      rows.forEach((cols, e) => {
        const h = m.file.history[e];
        const d = Math.max(rel(Number(cols[1]), h.trainLoss as number), rel(Number(cols[2]), h.testLoss as number));
        worst = Math.max(worst, d);
        const bound = m.schedule[e];
        if (bound !== null && d > bound) failures.push(`${m.c.name} epoch ${e}: ${d.toPrecision(2)} > stated ${bound}`);
      });
      if (!/\(within the expected per-epoch bound/.test(outputs[i])) failures.push(`${m.c.name}: the script's own check says ${outputs[i].trim().split('\n').slice(-2)[0]}`);
      const s = m.sensitivity;
      const last = s.epochs.length - 1;
      table.push([m.c.name, m.c.kind, worst.toPrecision(2), s.maxLoss.toPrecision(2), s.reproducibleThrough < last ? String(s.reproducibleThrough + 1) : '-', s.chaoticFrom ?? '-'].join(' | '));
    });
    // The table: largest script-vs-file loss difference, the run's own 1-ulp sensitivity,
    // the epoch it stops being reproducible to 1e-4, the epoch it turns chaotic.
    console.log(['run | kind | script vs file | 1-ulp sensitivity | beyond 1e-4 from | chaotic from', ...table].join('\n'));
    expect(failures).toEqual([]);
  }, 60_000);

  it('a stochastic run is refused with the reason', async () => {
    const s = STOCHASTIC_CASE;
    const file = await trainRun(s.setup, { activation: s.activation, seed: s.seed }, { resolveActivation: registryResolver });
    expect(() => exportRunPyTorch(JSON.parse(JSON.stringify(file)))).toThrow(CodegenError);
    expect(() => exportRunPyTorch(JSON.parse(JSON.stringify(file)))).toThrow(/fresh random mask per element/);
  }, 30_000);
});
