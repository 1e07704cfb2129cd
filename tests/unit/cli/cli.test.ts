/**
 * The CLI contract (issue 2, 4, 5): the real command line (src/cli/main.ts through tsx), its
 * JSON shapes, values against closed forms written here, and every user error ending in one
 * "error:" line with exit code 2 and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Φ(x) from erf written out by its Maclaurin series (|x| ≤ 3 here): an independent reference. */
function erfSeries(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 1; n < 80; n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const Phi = (x: number) => 0.5 * (1 + erfSeries(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

function expectUserError(r: ReturnType<typeof cli>, needle: string): void {
  expect(r.status).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(needle);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('npm run cli', () => {
  it('list --json gives every entry with the documented fields', () => {
    const r = cli('list', '--json');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.length).toBeGreaterThanOrEqual(84);
    const golu = list.find((e) => e.id === 'golu') as {
      params: { name: string; default: number; min: number; max: number; learnable: unknown }[];
      source: { title: string; year: number; arxiv: string };
      status: string;
      tier: string;
      tex: string;
      formula: string;
    };
    for (const key of ['id', 'name', 'aliases', 'tier', 'params', 'formula', 'tex', 'source', 'status']) expect(list[0]).toHaveProperty(key);
    expect(golu.tier).toBe('A');
    expect(golu.status).toBe('confirmed');
    expect(golu.source).toMatchObject({ year: 2025, arxiv: '2502.03654' });
    expect(golu.params.map((p) => p.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(golu.params[0]).toMatchObject({ default: 1, min: 0.1, max: 5 });
  });

  it('eval --json gives f, f′, f″ equal to closed forms (GELU), including far tails', () => {
    const xs = [-30, -3, -0.5, 0, 0.5, 3, 30];
    const r = cli('eval', 'gelu', `--x=${xs.join(',')}`, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; x: number[]; f: number[]; df: number[]; d2f: number[]; params: object };
    expect(out.id).toBe('gelu');
    expect(out.x).toEqual(xs);
    xs.forEach((x, i) => {
      // Far tails from the asymptotics: GELU(−30) ≈ 0, GELU(30) = 30 to double precision.
      const f = Math.abs(x) > 6 ? (x > 0 ? x : 0) : x * Phi(x);
      const df = Math.abs(x) > 6 ? (x > 0 ? 1 : 0) : Phi(x) + x * phi(x);
      const d2f = Math.abs(x) > 6 ? 0 : (2 - x * x) * phi(x);
      // Tolerance 1e-14 absolute: the series and Cody's erf agree to a few ulps on |x| ≤ 3.
      expect(Math.abs(out.f[i] - f)).toBeLessThan(1e-14 * Math.max(1, Math.abs(x)));
      expect(Math.abs(out.df[i] - df)).toBeLessThan(1e-14);
      expect(Math.abs(out.d2f[i] - d2f)).toBeLessThan(1e-14);
    });
  });

  it('eval uses given parameters and the left-hand rule at kinks (leaky ReLU a = 0.2)', () => {
    const r = cli('eval', 'leaky-relu', '--x=-2,0,2', '--param', 'a=0.2', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { params: Record<string, number>; f: number[]; df: number[]; d2f: number[] };
    expect(out.params).toEqual({ a: 0.2 });
    expect(out.f).toEqual([-0.4, 0, 2]);
    expect(out.df).toEqual([0.2, 0.2, 1]);
    expect(out.d2f).toEqual([0, 0, 0]);
  });

  it('eval --formula differentiates a typed formula exactly', () => {
    const r = cli('eval', '--formula', 'x * exp(-exp(-x))', '--x=-1,0,1', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { f: number[]; df: number[] };
    [-1, 0, 1].forEach((x, i) => {
      const g = Math.exp(-Math.exp(-x));
      expect(out.f[i]).toBeCloseTo(x * g, 15);
      expect(out.df[i]).toBeCloseTo(g * (1 + x * Math.exp(-x)), 15);
    });
  });

  it('names every user error in one line with exit code 2', () => {
    expectUserError(cli('eval', 'rellu', '--x=1'), 'Unknown activation "rellu". Did you mean "relu"?');
    expectUserError(cli('eval', 'swish', '--x=1,abc'), '"abc" is not a finite number');
    expectUserError(cli('eval', 'relu', '--x=1', '--param', 'foo=1'), 'has no parameter "foo"');
    expectUserError(cli('eval', 'elu', '--x=1', '--param', 'alpha=100'), 'alpha=100 is out of range [0.1, 3]');
    expectUserError(cli('eval', '--formula', 'evaluate(1)', '--x=1'), 'Unknown function "evaluate" at position 0');
    expectUserError(cli('eval', 'gelu'), 'needs --x');
    expectUserError(cli('frobnicate'), 'Unknown command "frobnicate"');
    expectUserError(cli('train', '--activation', 'gelu', '--dataset', 'spirals'), 'Unknown dataset "spirals"');
    // A setting the engine cannot honour is the user's message too, not an internal error.
    expectUserError(cli('train', '--activation', 'swiglu', '--init', 'edge-of-chaos', '--epochs', '1'), 'needs a one-variable activation');
    expectUserError(cli('train', '--activation', 'relu', '--dataset', 'digits', '--points', '5000', '--epochs', '1'), 'has at most');
    expectUserError(cli('train', '--activation', 'relu', '--siren-omega0', '5', '--epochs', '1'), '--siren-omega0 applies to --init siren');
    expectUserError(cli('compare', '--activations', 'relu,nosuch'), 'Unknown activation "nosuch"');
  });

  it('train --json prints configuration, per-epoch history and final metrics', () => {
    const r = cli('train', '--activation', 'gelu', '--dataset', 'moons', '--epochs', '3', '--points', '120', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      config: { activation: { id: string }; epochs: number };
      backend: { name: string };
      history: { epoch: number; trainLoss: number }[];
      final: { testAcc: number };
    };
    expect(out.config.activation.id).toBe('gelu');
    expect(out.backend.name).toBe('cpu');
    expect(out.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3]);
    expect(out.history[3].trainLoss).toBeLessThan(out.history[0].trainLoss);
    expect(out.final.testAcc).toBeGreaterThan(0);
  });

  it('compare --json twice on the CPU backend gives identical results apart from timings', () => {
    const args = ['compare', '--activations', 'relu,golu', '--seeds', '2', '--dataset', 'xor', '--points', '100', '--epochs', '2', '--json'];
    const strip = (text: string) => {
      const out = JSON.parse(text) as { timing?: unknown };
      delete out.timing;
      return out;
    };
    const a = cli(...args);
    const b = cli(...args);
    expect(a.status).toBe(0);
    const first = strip(a.stdout) as { runs: { activation: string; seed: number }[]; summary: { n: number }[] };
    expect(first.runs.map((r) => `${r.activation}:${r.seed}`)).toEqual(['relu:1', 'relu:2', 'golu:1', 'golu:2']);
    expect(first.summary.map((s) => s.n)).toEqual([2, 2]);
    expect(strip(b.stdout)).toEqual(first);
  });

  it('compare --json on a task set adds its own metrics per run and per activation (mean, sample std recomputed here)', () => {
    const r = cli('compare', '--activations', 'sine,relu', '--seeds', '2', '--dataset', 'multifreq', '--points', '100', '--epochs', '3', '--batch-size', '100', '--backend', 'cpu', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { task: { metrics: { name: string; perRun: (number | null)[]; perActivation: ({ mean: number; std: number; n: number } | null)[] }[] } };
    const names = out.task.metrics.map((m) => m.name);
    expect(names[0]).toBe('MSE over the line');
    expect(names.slice(1)).toEqual(['error amplitude at 1 cycles/unit (target 0.5)', 'error amplitude at 4 cycles/unit (target 0.3)', 'error amplitude at 12 cycles/unit (target 0.2)']);
    for (const m of out.task.metrics) {
      expect(m.perRun).toHaveLength(4);
      for (let k = 0; k < 2; k++) {
        const v = m.perRun.slice(2 * k, 2 * k + 2) as number[];
        const mean = (v[0] + v[1]) / 2;
        expect(m.perActivation[k]?.n).toBe(2);
        expect(m.perActivation[k]?.mean).toBeCloseTo(mean, 12);
        expect(m.perActivation[k]?.std).toBeCloseTo(Math.abs(v[0] - v[1]) / Math.SQRT2, 12);
      }
    }
    // Text output lists the same table.
    const text = cli('compare', '--activations', 'sine,relu', '--seeds', '2', '--dataset', 'multifreq', '--points', '100', '--epochs', '1', '--backend', 'cpu');
    expect(text.stdout).toContain('task metrics (mean ± std over non-diverged seeds)');
  });
});
