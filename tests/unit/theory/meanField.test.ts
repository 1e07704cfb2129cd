/**
 * Mean-field signal propagation (issue 17, part 1) against references computed independently:
 * closed forms written here and mpmath values from meanFieldReference.py (30 digits; run
 * `/usr/bin/python3 tests/unit/theory/meanFieldReference.py`, the GELU rows are embedded below).
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { resolveEntry } from '../../../src/core/registry';
import { gaussianExpectation } from '../../../src/core/theory/gaussianExpectation';
import { gaussHermite } from '../../../src/core/theory/gaussRules';
import { edgeOfChaos, phaseAt, qThroughDepth, secondMoment, signalActivation, slopeMoment, varianceGain } from '../../../src/core/theory/meanField';

const act = (id: string) => signalActivation(compileActivation(resolveEntry(id)));

/** Φ(x) by its Maclaurin series in erf (|x| ≤ 3 here). */
function Phi(x: number): number {
  const z = x / Math.SQRT2;
  let term = z;
  let sum = z;
  for (let n = 1; n < 100; n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return 0.5 * (1 + (2 / Math.sqrt(Math.PI)) * sum);
}

describe('Gauss–Hermite rule', () => {
  it('integrates e^{−x²}, x², x⁴ and cos x exactly to 1e−14 at 20, 96 and 200 nodes', () => {
    for (const n of [20, 96, 200]) {
      const { nodes, weights } = gaussHermite(n);
      const sum = (g: (x: number) => number) => weights.reduce((s, w, i) => s + w * g(nodes[i]), 0) / Math.sqrt(Math.PI);
      expect(Math.abs(sum(() => 1) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(sum((x) => x * x) - 0.5)).toBeLessThan(1e-14);
      expect(Math.abs(sum((x) => x ** 4) - 0.75)).toBeLessThan(1e-14);
      expect(Math.abs(sum(Math.cos) - Math.exp(-0.25))).toBeLessThan(1e-14);
    }
  });
});

describe('closed-form references', () => {
  it('ReLU: q_{l+1} = σ_w² q_l / 2 + σ_b², χ₁ = σ_w²/2, critical σ_w² = 2 at σ_b = 0, gain √2', () => {
    const a = act('relu');
    const qs = qThroughDepth(a, { sw2: 1.7, sb2: 0.1 }, 10, 0.8);
    let q = 0.8;
    for (let l = 1; l < 10; l++) {
      q = (1.7 * q) / 2 + 0.1;
      expect(Math.abs(qs[l] - q) / q).toBeLessThan(1e-13);
    }
    expect(Math.abs(phaseAt(a, { sw2: 1.7, sb2: 0.1 }).chi1 - 0.85)).toBeLessThan(1e-13);
    expect(Math.abs(edgeOfChaos(a, 0)! - Math.SQRT2)).toBeLessThan(1e-9);
    expect(Math.abs(varianceGain(a)! - Math.SQRT2)).toBeLessThan(1e-13);
  });

  it('SELU at σ_w = 1, σ_b = 0: q* = 1 and χ₁ = λ²(½ + α²e²Φ(−2)) ≈ 1.0716; plain 200-node Gauss–Hermite misses it (1.0665)', () => {
    const lambda = 1.0507009873554805;
    const alpha = 1.6732632423543772;
    const a = act('selu');
    const p = phaseAt(a, { sw2: 1, sb2: 0 });
    expect(Math.abs(p.fixedPoint.q - 1)).toBeLessThan(1e-12);
    const chi = lambda * lambda * (0.5 + alpha * alpha * Math.E * Math.E * Phi(-2));
    expect(Math.abs(p.chi1 - chi)).toBeLessThan(1e-12);
    expect(chi).toBeCloseTo(1.0716, 4);
    const plain = gaussianExpectation((x) => a.df(x) ** 2, 1, [], 200);
    expect(plain).toBeCloseTo(1.0665, 4);
    expect(Math.abs(varianceGain(a)! - 1)).toBeLessThan(1e-12);
  });

  it("tanh's critical curve passes through σ_w² = 1 at σ_b = 0", () => {
    expect(Math.abs(edgeOfChaos(act('tanh'), 0)! - 1)).toBeLessThan(1e-6);
  });

  it('linear: χ₁ = σ_w²', () => {
    for (const sw2 of [0.5, 0.9, 1.3]) expect(Math.abs(phaseAt(act('linear'), { sw2, sb2: 0.2 }).chi1 - sw2)).toBeLessThan(1e-13);
  });
});

describe('high-precision references (mpmath)', () => {
  // [id, q, E[f(√q z)²], E[f′(√q z)²]]
  const rows: [string, number, number, number][] = [
    ['gelu', 0.25, 0.08350672379334981, 0.35568513965211246],
    ['gelu', 1, 0.4252214825702987, 0.4558508656492871],
    ['gelu', 4, 1.9298650158644433, 0.506044764053799],
  ];
  it('GELU second moments and slopes within 1e−13 relative', () => {
    for (const [id, q, m2, d2] of rows) {
      const a = act(id);
      expect(Math.abs(secondMoment(a, q) - m2) / m2).toBeLessThan(1e-13);
      expect(Math.abs(slopeMoment(a, q) - d2) / d2).toBeLessThan(1e-13);
    }
  });
});
