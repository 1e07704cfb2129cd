/**
 * `npm run cli -- propagate` (issue 17): the real command line against closed forms written here.
 * ReLU: q_{l+1} = σ_w² q_l / 2 + σ_b², χ₁ = σ_w²/2 whatever σ_b, so the critical σ_w is √2 and the
 * gain √2 (He). Linear f(x) = x: q_{l+1} = σ_w² q_l + σ_b², χ₁ = σ_w², ξ = 1/|ln σ_w²|. tanh at
 * σ_b = 0: critical σ_w = 1. SELU at σ_w = 1, σ_b = 0: q* = 1, χ₁ = λ²(½ + α²e²Φ(−2)).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'propagate', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  id: string;
  q: number[];
  qStar: number | null;
  chi1: number;
  depthScale: number | null;
  phase: string;
  criticalSigmaW: number | null;
  varianceGain: number | null;
}
const json = (...args: string[]): Report => {
  const r = cli(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Report;
};

describe('npm run cli -- propagate', () => {
  it('ReLU follows q_{l+1} = σ_w² q_l / 2 + σ_b² (rel 1e-12); χ₁ = σ_w²/2; critical σ_w and gain √2 (1e-8)', () => {
    const r = json('--activation', 'relu', '--sigma-w', '1.3', '--sigma-b', '0.2', '--depth', '6', '--q1', '0.5');
    let q = 0.5;
    for (let l = 0; l < 6; l++) {
      expect(Math.abs(r.q[l] - q) / q).toBeLessThan(1e-12);
      q = (1.69 * q) / 2 + 0.04;
    }
    expect(Math.abs(r.chi1 - 0.845)).toBeLessThan(1e-12);
    expect(r.phase).toBe('ordered');
    expect(Math.abs((r.criticalSigmaW ?? NaN) - Math.SQRT2)).toBeLessThan(1e-8);
    expect(Math.abs((r.varianceGain ?? NaN) - Math.SQRT2)).toBeLessThan(1e-12);
  }, 30_000);

  it('a typed linear formula: χ₁ = σ_w², ξ = 1/|ln σ_w²|, q* = σ_b²/(1 − σ_w²) (rel 1e-9)', () => {
    const r = json('--formula', 'x', '--sigma-w', '0.9', '--sigma-b', '0.3');
    expect(Math.abs(r.chi1 - 0.81)).toBeLessThan(1e-12);
    expect(Math.abs((r.depthScale ?? NaN) - 1 / Math.abs(Math.log(0.81))) / 4.7).toBeLessThan(1e-12);
    expect(Math.abs((r.qStar ?? NaN) - 0.09 / 0.19) / (0.09 / 0.19)).toBeLessThan(1e-9);
  }, 30_000);

  it('tanh: the edge of chaos passes through σ_w = 1 at σ_b = 0 (1e-6); SELU sits just on the chaotic side', () => {
    const t = json('tanh', '--sigma-b', '0');
    expect(Math.abs((t.criticalSigmaW ?? NaN) - 1)).toBeLessThan(1e-6);
    const s = json('selu', '--depth', '3');
    // λ²(½ + α²e²Φ(−2)), Φ(−2) = 0.02275013194817921 (mpmath).
    const lambda = 1.0507009873554805;
    const alpha = 1.6732632423543772;
    const chi = lambda * lambda * (0.5 + alpha * alpha * Math.exp(2) * 0.02275013194817921);
    expect(Math.abs(s.chi1 - chi)).toBeLessThan(1e-9);
    expect(Math.abs((s.qStar ?? NaN) - 1)).toBeLessThan(1e-9);
    expect(s.phase).toBe('chaotic');
  }, 30_000);

  it('prints a table for people and refuses bad values with one error line', () => {
    const r = cli('tanh', '--sigma-w', '1.5', '--sigma-b', '0.05', '--depth', '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/χ₁\s+1\.13/);
    expect(r.stdout).toMatch(/critical σ_w/);
    for (const bad of [['--sigma-w', '-1'], ['--depth', '1e6']]) {
      const e = cli('tanh', ...bad);
      expect(e.status).toBe(2);
      expect(e.stderr.trim().split('\n')).toHaveLength(1);
      expect(e.stderr).toMatch(/^error: /);
    }
  }, 60_000);
});
