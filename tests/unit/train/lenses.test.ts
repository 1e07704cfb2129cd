/**
 * Per-layer lenses against hand-computed values (a one-hidden-layer ReLU net with one dead unit)
 * and the gradient norms against central finite differences of an independent float64 forward
 * pass written here (pointwise tanh and GELU, gated SwiGLU; binary, multiclass, regression).
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { resolveEntry } from '../../../src/core/registry/index';
import type { Task } from '../../../src/core/data/datasets';
import type { LayerWeights } from '../../../src/core/train/init';
import { LENS_MIN_POINTS, lensActivations, lensPointCount, measureLenses } from '../../../src/core/train/lenses';
import { createRng } from '../../../src/core/data/rng';

const compiled = (id: string) => compileActivation(resolveEntry(id));
const layer = (fanIn: number, fanOut: number, W: number[], b: number[], V?: number[], c?: number[]): LayerWeights => ({
  fanIn, fanOut, W: Float32Array.from(W), b: Float32Array.from(b), ...(V && c ? { V: Float32Array.from(V), c: Float32Array.from(c) } : {}),
});
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('lenses by hand', () => {
  // x ∈ {−1, 0.5, 2}; unit 1: a = x, unit 2: a = −x − 10 < 0 everywhere (dead); output z = h₁ + h₂.
  const layers = [layer(1, 2, [1, -1], [0, -10]), layer(2, 1, [1, 1], [0])];
  const data = { task: 'binary' as Task, dim: 1, outputDim: 1, x: [-1, 0.5, 2], y: [0, 1, 1], n: 3 };
  const lens = measureLenses(layers, lensActivations(compiled('relu'), [{}]), data);

  it('dead 1/2, sparsity 4/6 (1 zero of unit 1, 3 of unit 2), pre-activation mean −5 and std √31.75', () => {
    const [l] = lens.layers;
    expect(lens.points).toBe(3);
    expect(l.dead).toBe(0.5);
    expect(l.sparsity).toBeCloseTo(4 / 6, 15);
    // a = −1, 0.5, 2, −9, −10.5, −12: mean −30/6; squared deviations 16 + 30.25 + 49 twice = 190.5.
    expect(l.preMean).toBeCloseTo(-5, 14);
    expect(l.preStd).toBeCloseTo(Math.sqrt(190.5 / 6), 14);
  });

  it('gradient norms: dz_i = (σ(z_i) − y_i)/3, z = (0, 0.5, 2); only the live unit and its active points carry gradient', () => {
    const dz = [sigmoid(0) - 0, sigmoid(0.5) - 1, sigmoid(2) - 1].map((v) => v / 3);
    // Output: ∂L/∂W₂ = (Σ h₁ dz, Σ h₂ dz) = (0.5 dz₂ + 2 dz₃, 0). Hidden: ∂L/∂W₁ = (Σ x relu′(x) dz, 0), the same value.
    const g = Math.abs(0.5 * dz[1] + 2 * dz[2]);
    expect(lens.outputGradNorm).toBeCloseTo(g, 14);
    expect(lens.layers[0].gradNorm).toBeCloseTo(g, 14);
  });
});

/** An independent float64 forward pass: nested loops, the activation's f (or o), the task's mean loss. */
function meanLoss(task: Task, W: number[][], B: number[][], V: (number[] | null)[], C: (number[] | null)[], widths: number[], act: (a: number, u: number) => number, x: number[][], y: number[]): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    let h = x[i];
    for (let l = 0; l + 1 < widths.length; l++) {
      const [fi, fo] = [widths[l], widths[l + 1]];
      const out: number[] = [];
      for (let j = 0; j < fo; j++) {
        let a = B[l][j];
        let u = C[l]?.[j] ?? 0;
        for (let k = 0; k < fi; k++) {
          a += h[k] * W[l][k * fo + j];
          if (V[l]) u += h[k] * (V[l] as number[])[k * fo + j];
        }
        out.push(l + 2 < widths.length ? act(a, u) : a);
      }
      h = out;
    }
    if (task === 'binary') total += Math.log(1 + Math.exp(-h[0])) + (1 - y[i]) * h[0];
    else if (task === 'multiclass') total += Math.log(h.reduce((s, v) => s + Math.exp(v), 0)) - h[y[i]];
    else total += (h[0] - y[i]) ** 2;
  }
  return total / x.length;
}

describe('gradient norms against central finite differences (relative 1e-6)', () => {
  it.each([
    ['tanh', 'multiclass', 3],
    ['gelu', 'regression', 1],
    ['relu', 'binary', 1],
    ['swiglu', 'binary', 1],
  ] as const)('%s, %s', (id, task, outDim) => {
    const c = compiled(id);
    const gated = c.vars.length === 2;
    const widths = [2, 5, 4, outDim];
    const rng = createRng(11);
    const draw = (n: number) => Array.from({ length: n }, () => Math.fround(rng.normal(0, 0.8)));
    const W = widths.slice(1).map((fo, l) => draw(widths[l] * fo));
    const B = widths.slice(1).map((fo) => draw(fo));
    const V = widths.slice(1).map((fo, l) => (gated && l + 2 < widths.length ? draw(widths[l] * fo) : null));
    const C = widths.slice(1).map((fo, l) => (gated && l + 2 < widths.length ? draw(fo) : null));
    const n = 7;
    const x = Array.from({ length: n }, () => draw(2));
    const y = Array.from({ length: n }, (_, i) => (task === 'multiclass' ? i % 3 : task === 'binary' ? i % 2 : Math.fround(Math.sin(i))));
    const layers = W.map((w, l) => layer(widths[l], widths[l + 1], w, B[l], V[l] ?? undefined, C[l] ?? undefined));
    const lens = measureLenses(layers, lensActivations(c, [{}, {}]), { task, dim: 2, outputDim: outDim, x: x.flat(), y, n });

    const s = c.scalar({});
    const act = gated ? (a: number, u: number) => (s.gated as NonNullable<typeof s.gated>).o(a, u) : (a: number) => s.f(a);
    const h = 1e-5;
    const fdNorm = (mats: number[][], l: number): number => {
      let sq = 0;
      for (let k = 0; k < mats[l].length; k++) {
        const keep = mats[l][k];
        mats[l][k] = keep + h;
        const up = meanLoss(task, W, B, V, C, widths, act, x, y);
        mats[l][k] = keep - h;
        const down = meanLoss(task, W, B, V, C, widths, act, x, y);
        mats[l][k] = keep;
        sq += ((up - down) / (2 * h)) ** 2;
      }
      return sq;
    };
    for (let l = 0; l < 2; l++) {
      const want = Math.sqrt(fdNorm(W, l) + (gated ? fdNorm(V as number[][], l) : 0));
      expect(Math.abs(lens.layers[l].gradNorm / want - 1)).toBeLessThan(1e-6);
    }
    expect(Math.abs(lens.outputGradNorm / Math.sqrt(fdNorm(W, 2)) - 1)).toBeLessThan(1e-6);
  });
});

describe('point budget', () => {
  it('small nets use every training point; wide deep ones an evenly spaced subset, never under the minimum', () => {
    const l = (fi: number, fo: number) => ({ fanIn: fi, fanOut: fo }) as LayerWeights;
    expect(lensPointCount(400, [l(2, 16), l(16, 16), l(16, 1)])).toBe(400);
    const wide = Array.from({ length: 32 }, () => l(256, 256));
    expect(lensPointCount(20_000, wide)).toBe(Math.max(LENS_MIN_POINTS, Math.floor(2e7 / (32 * 65536))));
  });
});
