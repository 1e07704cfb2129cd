/**
 * The run-file commands end to end: train --save-run, load-run --retrain --json and export-run
 * run in-process through the registered commands (stdout captured); one spawn of the real CLI
 * (src/cli/main.ts via tsx) checks that a bad file ends in one "error:" line and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index';

const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'runfile-cli-'));

/** Runs a registered command in this process and returns what it printed to stdout. */
async function command(name: string, ...argv: string[]): Promise<string> {
  let out = '';
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(write as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation((() => true) as typeof process.stderr.write);
  const cmd = COMMANDS.get(name);
  if (!cmd) throw new Error(`no command ${name}`);
  try {
    await cmd.run(argv);
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run-file commands', () => {
  const runPath = join(dir, 'run.json');

  it('train --save-run writes a run file; load-run --retrain reproduces it exactly on cpu; export-run prints a valid script', async () => {
    const trained = JSON.parse(await command('train', '--activation', 'tanh', '--dataset', 'xor', '--points', '60', '--epochs', '5', '--batch-size', '16', '--json', '--save-run', runPath)) as { history: { trainLoss: number }[] };
    const saved = JSON.parse(readFileSync(runPath, 'utf8')) as { schema: string; history: { trainLoss: number }[] };
    expect(saved.schema).toBe('activation-playground/run');
    expect(saved.history.map((h) => Math.fround(h.trainLoss))).toEqual(trained.history.map((h) => Math.fround(h.trainLoss)));

    const loaded = JSON.parse(await command('load-run', runPath, '--retrain', '--json')) as { kind: string; runs: { retrain: { difference: { maxRelativeLoss: number }; reproduced: boolean } }[] };
    expect(loaded.kind).toBe('run');
    // Same backend (cpu), same start, same batches: bit-for-bit.
    expect(loaded.runs[0].retrain.difference.maxRelativeLoss).toBe(0);
    expect(loaded.runs[0].retrain.reproduced).toBe(true);

    const script = await command('export-run', runPath, '--target', 'pytorch');
    const py = join(dir, 'run.py');
    writeFileSync(py, script);
    expect(spawnSync('python3', ['-m', 'py_compile', py], { encoding: 'utf8' }).status).toBe(0);
    expect(script).toContain('class Tanh(nn.Module)');
  }, 60_000);

  // The JSON must equal, epoch by epoch, the relative loss change of a nudged retrain done here
  // independently: the file's weights moved one ulp by hand, retrained through load-run --retrain.
  it('sensitivity --json measures the 1-ulp nudge; export-run --sensitivity states the per-epoch bound', async () => {
    const s = JSON.parse(await command('sensitivity', runPath, '--json')) as { verdict: string; backend: string; epochs: { epoch: number; loss: number; lossThrough: number }[]; chaoticFrom: number | null };
    expect(s.backend).toBe('cpu');
    expect(s.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.verdict).toMatch(/^This run is (stable|sensitive|chaotic)/);
    // Independent reference: nudge the file's weights by hand (next float32 up via the bit pattern), retrain it with load-run.
    const file = JSON.parse(readFileSync(runPath, 'utf8')) as { initial: { layers: { W: number[][]; b: number[] }[] }; history: { trainLoss: number; testLoss: number }[] };
    const bits = (v: number): number => {
      const u = new Uint32Array(new Float32Array([v]).buffer);
      u[0] = v === 0 ? 1 : v > 0 ? u[0] + 1 : u[0] - 1;
      return new Float32Array(u.buffer)[0];
    };
    for (const l of file.initial.layers) {
      l.W = l.W.map((row) => row.map(bits));
      l.b = l.b.map(bits);
    }
    const nudgedPath = join(dir, 'nudged.json');
    writeFileSync(nudgedPath, JSON.stringify(file));
    const re = JSON.parse(await command('load-run', nudgedPath, '--retrain', '--json')) as { runs: { retrain: { history: { trainLoss: number; testLoss: number }[] } }[] };
    const h = re.runs[0].retrain.history;
    s.epochs.forEach((e, i) => {
      const rel = (a: number, b: number) => Math.abs(Math.fround(a) - Math.fround(b)) / Math.abs(Math.fround(b));
      expect(e.loss).toBeCloseTo(Math.max(rel(h[i].trainLoss, file.history[i].trainLoss), rel(h[i].testLoss, file.history[i].testLoss)), 12);
    });
    const script = await command('export-run', runPath, '--target', 'pytorch', '--sensitivity');
    expect(script).toContain('EXPECTED_BOUND = [');
    expect(script).toMatch(/Measured for this run \(cpu backend\): retrained from its initial weights\s+each moved one float32 ulp up/);
  }, 60_000);

  it('bad files and flags are refused with messages naming the problem', async () => {
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ schema: 'activation-playground/run', version: 9 }));
    await expect(command('load-run', newer)).rejects.toThrow(/^Run file, at \$\.version: written by a newer Activation Playground/);
    await expect(command('export-run', runPath, '--target', 'jax')).rejects.toThrow(/^--target must be pytorch/);
    await expect(command('load-run', runPath, '--backend', 'cpu')).rejects.toThrow(/--backend only applies with --retrain/);
    await expect(command('export-run', runPath, '--backend', 'cpu')).rejects.toThrow(/--backend only applies with --sensitivity/);
    await expect(command('sensitivity', runPath, '--run', '2')).rejects.toThrow(/--run selects a run of a comparison file/);
  });

  it('through the real CLI, a missing file ends in one "error:" line, no stack trace, exit code 2', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'load-run', join(dir, 'missing.json')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toEqual([`error: Cannot read "${join(dir, 'missing.json')}": no such file`]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
