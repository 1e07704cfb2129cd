/**
 * The lenses' empirical q_l (preMean² + preStd², the mean of a² over units and points) at
 * initialisation against section 1's variance map: a 12-layer, width-256 tanh net from
 * W ~ N(0, σ_w²/fan-in), b ~ N(0, σ_b²). The theory's q_l is the map iterated from each point's
 * own q_1 = σ_w²·|x|²/2 + σ_b² and averaged over the points. Finite width makes the empirical q_l
 * fluctuate by roughly √(2/width) ≈ 9 % per layer: each layer is asserted within 20 %, their mean
 * ratio within 5 %; the deep layers also sit at the fixed point q*.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { makeDataset } from '../../../src/core/data/datasets';
import { resolveEntry } from '../../../src/core/registry/index';
import { fixedPoint, qThroughDepth, signalActivation } from '../../../src/core/theory/meanField';
import { initWeights } from '../../../src/core/train/init';
import { lensesOfRun } from '../../../src/core/train/lenses';

describe('empirical q_l at init against the mean-field q*', () => {
  it.each([
    [1.5, 0.05],
    [2.5, 0.3],
  ])('tanh, σ_w = %f, σ_b = %f', (sigmaW, sigmaB) => {
    const ds = makeDataset({ name: 'spiral', n: 200, noise: 0.05, seed: 1 });
    const hidden = Array.from({ length: 12 }, () => 256);
    const layers = initWeights({ inputDim: ds.dim, hidden, outputDim: ds.outputDim, gated: false }, 'gaussian', 3, 30, { sigmaW, sigmaB });
    const compiled = compileActivation(resolveEntry('tanh'));
    const lens = lensesOfRun(layers, compiled, hidden.map(() => ({})), ds);
    const q = lens.layers.map((l) => l.preMean ** 2 + l.preStd ** 2);
    const a = signalActivation(compiled);
    const init = { sw2: sigmaW ** 2, sb2: sigmaB ** 2 };
    const theory = new Array<number>(hidden.length).fill(0);
    for (let i = 0; i < ds.train.n; i++) {
      const r2 = ds.train.x[2 * i] ** 2 + ds.train.x[2 * i + 1] ** 2;
      qThroughDepth(a, init, hidden.length, (init.sw2 * r2) / 2 + init.sb2).forEach((v, l) => (theory[l] += v / ds.train.n));
    }
    const ratios = q.map((v, l) => v / theory[l]);
    const qStar = fixedPoint(a, init).q;
    console.info(`σ_w ${sigmaW}, σ_b ${sigmaB}: q* ${qStar.toFixed(4)}; q_l empirical/theory ${q.map((v, l) => `${v.toFixed(3)}/${theory[l].toFixed(3)}`).join(' ')}`);
    for (const r of ratios) expect(Math.abs(r - 1)).toBeLessThan(0.2);
    expect(Math.abs(ratios.reduce((s, v) => s + v, 0) / ratios.length - 1)).toBeLessThan(0.05);
    expect(Math.abs(theory[hidden.length - 1] / qStar - 1)).toBeLessThan(0.05);
  });
});
