/**
 * The mean-field init schemes against closed forms: W ~ N(0, σ_w²/fan_in), b ~ N(0, σ_b²); the
 * variance-preserving gain (ReLU √2, SELU 1, linear 1: g²·E_z[f(z)²] = 1 by hand) and the edge of
 * chaos (ReLU σ_w² = 2 and tanh σ_w² = 1 at σ_b = 0, linear σ_w = 1: χ₁ = σ_w² E[f′²] = 1 by hand).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWeights } from '../../../src/core/train/init';
import { initScaleFor } from '../../../src/core/train/initScale';
import { createTrainer } from '../../../src/core/train/trainer';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { retrainRun, trainRun, validateRunFile } from '../../../src/core/runfile/index';
import { lensesRecord } from '../../../src/core/runfile/record';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function variance(a: Float32Array): number {
  let s = 0;
  for (const v of a) s += v;
  const mean = s / a.length;
  let s2 = 0;
  for (const v of a) s2 += (v - mean) ** 2;
  return s2 / (a.length - 1);
}

describe('mean-field init schemes', () => {
  it('gaussian: W variance σ_w²/fan_in and b variance σ_b² (3 % on 60,000 and 4 %·… draws)', () => {
    const arch = { inputDim: 200, hidden: [300, 300], outputDim: 1, gated: false };
    const [first, second] = initWeights(arch, 'gaussian', 5, 30, { sigmaW: 1.5, sigmaB: 0.3 });
    // 60,000 draws: sd of the sample variance ≈ 0.58 %; 3 % is over 5 sigma.
    expect(Math.abs(variance(first.W) / (1.5 ** 2 / 200) - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance(second.W) / (1.5 ** 2 / 300) - 1)).toBeLessThan(0.03);
    // 600 biases over two layers: sd ≈ 5.8 %; 30 % is over 5 sigma.
    const b = new Float32Array([...first.b, ...second.b]);
    expect(Math.abs(variance(b) / 0.09 - 1)).toBeLessThan(0.3);
  });

  it('the standard-normal draws depend on the seed only: two scales give proportional arrays', () => {
    const arch = { inputDim: 3, hidden: [4], outputDim: 2, gated: false };
    const a = initWeights(arch, 'gaussian', 7, 30, { sigmaW: 1, sigmaB: 1 });
    const b = initWeights(arch, 'edge-of-chaos', 7, 30, { sigmaW: 2, sigmaB: 0.5 });
    a.forEach((l, i) => {
      l.W.forEach((w, k) => expect(b[i].W[k]).toBeCloseTo(2 * w, 6));
      l.b.forEach((v, k) => expect(b[i].b[k]).toBeCloseTo(0.5 * v, 6));
    });
  });

  it('needs σ_w > 0 and σ_b ≥ 0', () => {
    const arch = { inputDim: 2, hidden: [2], outputDim: 1, gated: false };
    expect(() => initWeights(arch, 'gaussian', 1)).toThrow(/σ_w/);
    expect(() => initScaleFor({ init: 'gaussian', initSigmaW: 0 }, { id: 'relu' }, {})).toThrow(/σ_w must be a positive/);
    expect(() => initScaleFor({ init: 'edge-of-chaos', initSigmaB: -1 }, { id: 'tanh' }, {})).toThrow(/σ_b must be/);
  });

  it.each([
    ['relu', Math.SQRT2],
    ['selu', 1],
    ['linear', 1],
  ])('variance-preserving gain of %s is %f (1e-9)', (id, g) => {
    const s = initScaleFor({ init: 'variance-preserving' }, { id }, {});
    expect(Math.abs(s!.sigmaW - g)).toBeLessThan(1e-9);
    expect(s!.sigmaB).toBe(0);
  });

  it.each([
    ['relu', 0, Math.SQRT2, 1e-6],
    ['tanh', 0, 1, 1e-6],
    ['linear', 0.3, 1, 1e-6],
  ])('edge of chaos of %s at σ_b = %f is σ_w = %f', (id, sb, sw, tol) => {
    const s = initScaleFor({ init: 'edge-of-chaos', initSigmaB: sb }, { id }, {});
    expect(Math.abs(s!.sigmaW - sw)).toBeLessThan(tol);
    expect(s!.sigmaB).toBe(sb);
  });

  it('edge of chaos for tanh at σ_b = 0.05: χ₁ = 1 there by an independent trapezoid rule (1e-6)', () => {
    const s = initScaleFor({ init: 'edge-of-chaos', initSigmaB: 0.05 }, { id: 'tanh' }, {})!;
    // E_z[g(z)] by the trapezoid rule on [−12, 12] with 8,001 points (error far below 1e-9 for smooth g).
    const expect_z = (g: (z: number) => number): number => {
      const n = 8_000;
      const h = 24 / n;
      let sum = 0;
      for (let i = 0; i <= n; i++) {
        const z = -12 + i * h;
        sum += (i === 0 || i === n ? 0.5 : 1) * g(z) * Math.exp(-z * z / 2);
      }
      return (sum * h) / Math.sqrt(2 * Math.PI);
    };
    const sw2 = s.sigmaW ** 2;
    let q = 1;
    for (let it = 0; it < 5000; it++) {
      const next = sw2 * expect_z((z) => Math.tanh(Math.sqrt(q) * z) ** 2) + 0.05 ** 2;
      if (Math.abs(next - q) < 1e-15) break;
      q = next;
    }
    const chi1 = sw2 * expect_z((z) => Math.cosh(Math.sqrt(q) * z) ** -4);
    expect(Math.abs(chi1 - 1)).toBeLessThan(1e-6);
    expect(s.sigmaB).toBe(0.05);
  });

  it('refuses what the theory cannot answer: a gated block, no crossing', () => {
    expect(() => initScaleFor({ init: 'variance-preserving' }, { id: 'swiglu' }, {})).toThrow(/gated block/);
    expect(initScaleFor({ init: 'he-normal' }, { id: 'swiglu' }, {})).toBeUndefined();
  });

  it('the trainer scales each run for its own activation: one seed, W_relu / W_tanh = √2 / g_tanh', async () => {
    const trainer = createTrainer({
      dataset: { name: 'xor', n: 40, noise: 0, seed: 1 },
      hidden: [8, 8],
      runs: [{ activation: { id: 'relu' }, seed: 3 }, { activation: { id: 'tanh' }, seed: 3 }],
      init: 'variance-preserving',
      lr: 0.01,
    });
    try {
      const snap = await trainer.snapshot();
      const gTanh = initScaleFor({ init: 'variance-preserving' }, { id: 'tanh' }, {})!.sigmaW;
      const [relu, tanh] = snap.runs;
      relu.layers.forEach((l, i) => l.W.forEach((w, k) => expect(w).toBeCloseTo((tanh.layers[i].W[k] * Math.SQRT2) / gTanh, 5)));
      expect(relu.layers.every((l) => l.b.every((v) => v === 0))).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});

describe('mean-field inits in run files', () => {
  const setup = { dataset: { name: 'xor', n: 40, noise: 0, seed: 1 }, hidden: [6, 6], epochs: 2, lr: 0.05, batchSize: 8 };

  it('a gaussian run records σ_w, σ_b, validates and retrains to the same history', async () => {
    const file = await trainRun({ ...setup, init: 'gaussian', initSigmaW: 1.7, initSigmaB: 0.2 }, { activation: { id: 'tanh' }, seed: 4 }, { resolveActivation: registryResolver });
    expect(file.config).toMatchObject({ init: 'gaussian', initSigmaW: 1.7, initSigmaB: 0.2 });
    expect(file.initial.layers[0].b.some((v) => v !== 0)).toBe(true);
    const back = validateRunFile(JSON.parse(JSON.stringify(file)));
    const again = await retrainRun(back, { resolveActivation: registryResolver });
    expect(again.difference.maxRelativeLoss).toBe(0);
  });

  it('edge-of-chaos records σ_b only; a σ_w on it, or a missing σ_b, is refused with the path', async () => {
    const file = await trainRun({ ...setup, epochs: 1, init: 'edge-of-chaos', initSigmaB: 0.05 }, { activation: { id: 'tanh' }, seed: 4 }, { resolveActivation: registryResolver });
    expect(file.config.initSigmaW).toBeUndefined();
    expect(file.config.initSigmaB).toBe(0.05);
    const json = JSON.parse(JSON.stringify(file));
    expect(() => validateRunFile({ ...json, config: { ...json.config, initSigmaW: 2 } })).toThrow(/\$\.config\.initSigmaW: only the gaussian init/);
    const { initSigmaB: _drop, ...noSigma } = json.config;
    expect(() => validateRunFile({ ...json, config: noSigma })).toThrow(/\$\.config\.initSigmaB/);
  });
});

describe('lenses in run files', () => {
  it('a history with lenses validates; a dead fraction above 1 or a wrong layer count is refused with its path', async () => {
    const setup = { dataset: { name: 'xor', n: 40, noise: 0, seed: 1 }, hidden: [6, 6], epochs: 1, lr: 0.05, batchSize: 8 };
    const file = await trainRun(setup, { activation: { id: 'relu' }, seed: 4 }, { resolveActivation: registryResolver });
    const lens = { points: 32, layers: [0, 1].map(() => ({ width: 6, dead: 0.5, sparsity: 0.25, preMean: -0.1, preStd: 0.9, gradNorm: 0.01 })), outputGradNorm: 0.02 };
    const json = JSON.parse(JSON.stringify({ ...file, history: file.history.map((h) => ({ ...h, lenses: lensesRecord(lens) })) }));
    expect(validateRunFile(json).history[1].lenses?.layers[1].dead).toBe(0.5);
    json.history[1].lenses.layers[1].dead = 1.5;
    expect(() => validateRunFile(json)).toThrow(/\$\.history\[1\]\.lenses\.layers\[1\]\.dead: 1\.5 is above the maximum 1/);
    json.history[1].lenses.layers.pop();
    expect(() => validateRunFile(json)).toThrow(/\$\.history\[1\]\.lenses\.layers/);
  });
});
