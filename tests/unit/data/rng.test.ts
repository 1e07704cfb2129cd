import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 100 }, () => a.nextUint32());
    const xb = Array.from({ length: 100 }, () => b.nextUint32());
    const xc = Array.from({ length: 100 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('fork depends on the label and the seed, not on draws already made', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 1000; i++) b.next();
    expect(a.fork('init').next()).toBe(b.fork('init').next());
    expect(a.fork('init').next()).not.toBe(a.fork('batches').next());
    expect(createRng(8).fork('init').next()).not.toBe(a.fork('init').next());
  });

  it('uniform has mean 1/2 and variance 1/12 (n = 1e5, 5-sigma tolerances)', () => {
    const r = createRng(1);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => r.next());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // sd of the mean = sqrt(1/12/n) ≈ 9.1e-4; sd of the variance ≈ sqrt(1/180/n) ≈ 2.4e-4
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 9.1e-4);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * 2.4e-4);
  });

  it('normal has mean 0, variance 1 and Gaussian tails (n = 2e5)', () => {
    const r = createRng(2);
    const n = 200_000;
    const xs = Array.from({ length: n }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    // sd of the mean = 1/sqrt(n) ≈ 2.2e-3; sd of the variance = sqrt(2/n) ≈ 3.2e-3
    expect(Math.abs(mean)).toBeLessThan(5 * 2.2e-3);
    expect(Math.abs(variance - 1)).toBeLessThan(5 * 3.2e-3);
    // P(|Z| > 2) = 0.0455003 (table value); binomial sd ≈ sqrt(p(1-p)/n) ≈ 4.7e-4
    const tail = xs.filter((x) => Math.abs(x) > 2).length / n;
    expect(Math.abs(tail - 0.0455003)).toBeLessThan(5 * 4.7e-4);
  });

  it('permutation is a permutation and shuffles', () => {
    const p = createRng(3).permutation(1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const fixed = [...p].filter((v, i) => v === i).length;
    expect(fixed).toBeLessThan(10); // expected 1 fixed point for a random permutation
  });

  it('rejects non-finite seeds with a message', () => {
    expect(() => createRng(NaN)).toThrow(/Seed must be a finite number/);
  });
});

describe('Rng.fillBernoulli', () => {
  it('writes exactly the next() < p draws, in order, and leaves the stream where n next() calls would', () => {
    for (const p of [0, 1e-9, 0.25, 0.5, 0.7310585786300049, 1 - 2 ** -32, 1, Math.fround(0.3)]) {
      const [fast, slow] = [createRng(11).fork('stochastic-mask'), createRng(11).fork('stochastic-mask')];
      const out = new Float32Array(3 + 5000 + 4).fill(7);
      fast.fillBernoulli(out, 3, 5000, p);
      const expected = Array.from({ length: 5000 }, () => (slow.next() < p ? 1 : 0));
      expect(Array.from(out.subarray(3, 5003))).toEqual(expected);
      // Outside [from, from + n) nothing is written.
      expect([...out.subarray(0, 3), ...out.subarray(5003)]).toEqual([7, 7, 7, 7, 7, 7, 7]);
      // Both streams continue identically (fills and calls interleave freely).
      fast.fillBernoulli(out, 0, 10, p);
      expect(Array.from(out.subarray(0, 10))).toEqual(Array.from({ length: 10 }, () => (slow.next() < p ? 1 : 0)));
      expect(fast.nextUint32()).toBe(slow.nextUint32());
    }
  });

  it('at thresholds hit exactly: u < p is strict, as in next() < p', () => {
    const probe = createRng(3);
    const u = Array.from({ length: 64 }, () => probe.next());
    for (const p of u) {
      const [fast, slow] = [createRng(3), createRng(3)];
      const out = new Float32Array(64);
      fast.fillBernoulli(out, 0, 64, p);
      expect(Array.from(out)).toEqual(Array.from({ length: 64 }, () => (slow.next() < p ? 1 : 0)));
    }
  });
});
