import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatedWidth, layerWidths } from '../../../src/core/train/architecture';
import { initWeights } from '../../../src/core/train/init';
import { createTrainer } from '../../../src/core/train/trainer';
import { fixtureResolver } from './fixtureActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function moments(a: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  for (const v of a) s += v;
  const mean = s / a.length;
  let s2 = 0;
  let maxAbs = 0;
  for (const v of a) {
    s2 += (v - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  return { mean, variance: s2 / (a.length - 1), maxAbs };
}

describe('initWeights', () => {
  const arch = { inputDim: 200, hidden: [300], outputDim: 1, gated: false };
  // 60,000 draws: the relative sd of a sample variance is sqrt(2/n) ≈ 0.58 % (normal) and
  // sqrt(0.8/n) ≈ 0.37 % (uniform); we allow 3 %, over 5 sigma.
  it.each([
    ['he-normal', 2 / 200],
    ['he-uniform', 2 / 200],
    ['glorot-normal', 2 / 500],
    ['glorot-uniform', 2 / 500],
    ['lecun-normal', 1 / 200],
    ['lecun-uniform', 1 / 200],
  ] as const)('%s has the closed-form variance', (scheme, variance) => {
    const [first] = initWeights(arch, scheme, 123);
    const m = moments(first.W);
    expect(first.W.length).toBe(200 * 300);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(variance / first.W.length));
    // (1 + 1e-6): float32 rounding may land a hair above the float64 bound.
    if (scheme.endsWith('uniform')) expect(m.maxAbs).toBeLessThanOrEqual(Math.sqrt(3 * variance) * (1 + 1e-6));
    else expect(m.maxAbs).toBeGreaterThan(Math.sqrt(3 * variance)); // normal tails pass the uniform bound
    expect(first.b.every((v) => v === 0)).toBe(true);
  });

  it('siren: first layer U(−1/n, 1/n), later layers U(−√(6/n)/ω0, √(6/n)/ω0)', () => {
    const [first, second] = initWeights({ inputDim: 100, hidden: [400, 400], outputDim: 1, gated: false }, 'siren', 9, 30);
    const m1 = moments(first.W);
    const m2 = moments(second.W);
    expect(m1.maxAbs).toBeLessThanOrEqual((1 / 100) * (1 + 1e-6));
    expect(m1.maxAbs).toBeGreaterThan(0.99 / 100); // 40,000 uniform draws reach the edge
    expect(Math.abs(m1.variance / (1 / 100 ** 2 / 3) - 1)).toBeLessThan(0.03);
    const limit2 = Math.sqrt(6 / 400) / 30;
    expect(m2.maxAbs).toBeLessThanOrEqual(limit2 * (1 + 1e-6));
    expect(Math.abs(m2.variance / (limit2 ** 2 / 3) - 1)).toBeLessThan(0.03);
  });

  it('same seed → same weights, different seeds → different weights', () => {
    const a = initWeights({ inputDim: 2, hidden: [16, 16], outputDim: 1, gated: false }, 'he-normal', 1);
    const b = initWeights({ inputDim: 2, hidden: [16, 16], outputDim: 1, gated: false }, 'he-normal', 1);
    const c = initWeights({ inputDim: 2, hidden: [16, 16], outputDim: 1, gated: false }, 'he-normal', 2);
    expect(a).toEqual(b);
    expect(a[0].W).not.toEqual(c[0].W);
  });

  it('gated widths keep the weight count of the ungated network', () => {
    expect(gatedWidth(12, 12, 12)).toBe(8); // h' = 2h/3 when d_in = d_out
    const arch = { inputDim: 2, hidden: [16, 16], outputDim: 1, gated: true };
    const w = layerWidths(arch);
    // h'1 = round(16·(2+16)/(2·2+16)) = round(14.4) = 14; h'2 = round(16·17/33) = round(8.24) = 8
    expect(w).toEqual([2, 14, 8, 1]);
    const layers = initWeights(arch, 'glorot-uniform', 5);
    expect(layers.map((l) => [l.fanIn, l.fanOut, !!l.V])).toEqual([[2, 14, true], [14, 8, true], [8, 1, false]]);
    // Per layer, with nominal neighbours: ungated d_in·h + h·d_out vs gated 2·d_in·h' + h'·d_out.
    const ungated = 2 * 16 + 16 * 16;
    const gated = 2 * 2 * 14 + 14 * 16;
    expect(Math.abs(gated - ungated) / ungated).toBeLessThan(0.05);
  });
});

describe('initial weights in the engine', () => {
  it('are identical across activations for one seed and differ across seeds', async () => {
    const trainer = createTrainer({
      dataset: { name: 'xor', n: 40, seed: 1 },
      hidden: [8, 8],
      lr: 0.01,
      runs: [
        { activation: { id: 'relu' }, seed: 3 },
        { activation: { id: 'tanh' }, seed: 3 },
        { activation: { id: 'swish' }, seed: 3 },
        { activation: { id: 'relu' }, seed: 4 },
      ],
      resolveActivation: fixtureResolver,
    });
    const snap = await trainer.snapshot();
    trainer.dispose();
    expect(snap.runs[1].layers).toEqual(snap.runs[0].layers);
    expect(snap.runs[2].layers).toEqual(snap.runs[0].layers);
    expect(snap.runs[3].layers[0].W).not.toEqual(snap.runs[0].layers[0].W);
    // …and equal to a direct draw for that seed (the engine does not reorder values).
    const direct = initWeights({ inputDim: 2, hidden: [8, 8], outputDim: 1, gated: false }, 'he-normal', 3);
    expect(snap.runs[1].layers.map((l) => l.W)).toEqual(direct.map((l) => l.W));
  });
});
