import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import { datasetInfo, datasetNames, makeDataset } from '../../../src/core/data/datasets';

const ALL = ['circle', 'xor', 'two-gaussians', 'spiral', 'moons', 'checkerboard', 'spiral3', 'sine', 'abs', 'step'];
// The task sets of issue 18 have their own tests (tests/unit/data/taskDatasets.test.ts).
const TASKS = ['digits', 'periodic', 'multifreq', 'image32'];

describe('datasets', () => {
  it('lists every dataset of the brief', () => {
    expect(datasetNames().sort()).toEqual([...ALL, ...TASKS].sort());
  });

  it('same spec gives identical arrays; another seed gives different ones', () => {
    for (const name of ALL) {
      const a = makeDataset({ name, n: 200, noise: 0.1, seed: 5 });
      const b = makeDataset({ name, n: 200, noise: 0.1, seed: 5 });
      const c = makeDataset({ name, n: 200, noise: 0.1, seed: 6 });
      expect(a.train.x).toEqual(b.train.x);
      expect(a.train.y).toEqual(b.train.y);
      expect(a.test.x).toEqual(b.test.x);
      expect(a.train.x).not.toEqual(c.train.x);
    }
  });

  it('has the right shapes and split sizes', () => {
    for (const name of ALL) {
      const d = makeDataset({ name, n: 101, noise: 0, testFraction: 0.2, seed: 1 });
      const dim = name === 'sine' || name === 'abs' || name === 'step' ? 1 : 2;
      expect(d.dim).toBe(dim);
      expect(d.test.n).toBe(20); // round(101 · 0.2)
      expect(d.train.n).toBe(81);
      expect(d.train.x.length).toBe(81 * dim);
      expect(d.train.y.length).toBe(81);
      expect(d.test.x.length).toBe(20 * dim);
      expect(d.outputDim).toBe(name === 'spiral3' ? 3 : 1);
    }
    expect(makeDataset({ name: 'xor', n: 10, testFraction: 0, seed: 1 }).test.n).toBe(0);
  });

  it('classes are balanced to within one point and labels are valid', () => {
    for (const name of ALL.filter((n) => datasetInfo(n).classes > 0)) {
      const info = datasetInfo(name);
      for (const n of [100, 101, 333]) {
        const p = info.generate(n, 0, createRng(9));
        const counts = new Array(info.classes).fill(0);
        for (const y of p.y) counts[y]++;
        expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('noise-free classification inputs lie in [−1, 1] and regions match labels', () => {
    const rng = createRng(4);
    for (const name of ['circle', 'xor', 'spiral', 'moons', 'checkerboard', 'spiral3']) {
      const p = datasetInfo(name).generate(500, 0, rng);
      for (const v of p.x) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-6);
    }
    const c = datasetInfo('circle').generate(400, 0, rng);
    for (let i = 0; i < c.n; i++) {
      const r = Math.hypot(c.x[2 * i], c.x[2 * i + 1]);
      expect(c.y[i] === 1 ? r <= 0.5 + 1e-6 : r >= 0.7 - 1e-6).toBe(true);
    }
    const x = datasetInfo('xor').generate(400, 0, rng);
    for (let i = 0; i < x.n; i++) expect(x.y[i]).toBe(x.x[2 * i] * x.x[2 * i + 1] > 0 ? 1 : 0);
    const cb = datasetInfo('checkerboard').generate(400, 0, rng);
    for (let i = 0; i < cb.n; i++) {
      const col = Math.min(3, Math.floor((cb.x[2 * i] + 1) * 2));
      const row = Math.min(3, Math.floor((cb.x[2 * i + 1] + 1) * 2));
      expect(cb.y[i]).toBe((col + row) % 2);
    }
  });

  it('noise-free regression targets equal their closed forms (float32 tolerance)', () => {
    const rng = createRng(11);
    const targets: Record<string, (x: number) => number> = {
      sine: (x) => Math.sin(2 * Math.PI * x),
      abs: (x) => 2 * Math.abs(x) - 1,
      step: (x) => (x > 0 ? 1 : -1),
    };
    for (const [name, f] of Object.entries(targets)) {
      const p = datasetInfo(name).generate(300, 0, rng);
      for (let i = 0; i < p.n; i++) {
        // x is stored in float32; the target was computed from the float64 draw: allow 1e-6 · |slope|
        expect(Math.abs(p.y[i] - f(p.x[i]))).toBeLessThan(2e-5);
      }
    }
  });

  it('noise has the requested standard deviation (regression residuals, 5-sigma)', () => {
    const d = datasetInfo('abs').generate(20_000, 0.3, createRng(12));
    let s2 = 0;
    for (let i = 0; i < d.n; i++) s2 += (d.y[i] - (2 * Math.abs(d.x[i]) - 1)) ** 2;
    const std = Math.sqrt(s2 / d.n);
    // sd of the std estimate ≈ σ/sqrt(2n) ≈ 1.5e-3
    expect(Math.abs(std - 0.3)).toBeLessThan(5 * 1.5e-3);
  });

  it('rejects bad specs with clear messages', () => {
    expect(() => makeDataset({ name: 'nope', n: 10, seed: 1 })).toThrow(/Unknown dataset "nope"; choose one of: circle/);
    expect(() => makeDataset({ name: 'xor', n: 1, seed: 1 })).toThrow(/integer between 2 and/);
    expect(() => makeDataset({ name: 'xor', n: 10.5, seed: 1 })).toThrow(/integer between 2 and/);
    expect(() => makeDataset({ name: 'xor', n: 10, noise: -1, seed: 1 })).toThrow(/noise/);
    expect(() => makeDataset({ name: 'xor', n: 10, testFraction: 1, seed: 1 })).toThrow(/testFraction/);
  });
});
