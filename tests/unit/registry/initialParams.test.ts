/** Seeded per-run inits: reproducible per seed, different across seeds, within the spec's laws. */
import { describe, expect, it } from 'vitest';
import { drawInitialParams, resolveEntry } from '../../../src/core/registry';

describe('drawInitialParams', () => {
  it('same seed → same values; another seed → other values; registry defaults are one such draw', () => {
    const kaf = resolveEntry('kaf');
    const a = drawInitialParams(kaf, {}, 7);
    expect(drawInitialParams(kaf, {}, 7)).toEqual(a);
    expect(drawInitialParams(kaf, {}, 8).w1).not.toBe(a.w1);
    expect(a.a).toBe(1);
    expect(a.b).toBe(0.01);
    expect(Object.keys(a).sort()).toEqual(kaf.params.map((p) => p.name).sort());
  });

  it('fourier-kan with G = 20: a_k, b_k have standard deviation ≈ 1/√G over many seeds', () => {
    const e = resolveEntry('fourier-kan');
    let sum2 = 0;
    let n = 0;
    for (let seed = 0; seed < 50; seed++) {
      const p = drawInitialParams(e, { G: '20' }, seed);
      for (let k = 1; k <= 20; k++) { sum2 += p[`a${k}`] ** 2 + p[`b${k}`] ** 2; n += 2; }
    }
    // 2000 draws: the sample std is within ~5% of 1/√20 with overwhelming probability.
    expect(Math.sqrt(sum2 / n)).toBeCloseTo(1 / Math.sqrt(20), 1);
  });

  it('apa inits: unit is λ = κ = 1; readme draws κ in (0, 1); resnet draws κ in (−1, 0); deterministic entries keep defaults', () => {
    const apa = resolveEntry('apa');
    expect(drawInitialParams(apa, {}, 3)).toEqual({ lambda: 1, kappa: 1 });
    for (let seed = 0; seed < 20; seed++) {
      const r = drawInitialParams(apa, { init: 'readme' }, seed);
      expect(r.kappa > 0 && r.kappa < 1 && r.lambda >= 1e-4 && r.lambda < 1).toBe(true);
      const s = drawInitialParams(resolveEntry('aglu'), { init: 'resnet' }, seed);
      expect(s.kappa > -1 && s.kappa <= 0).toBe(true);
    }
    expect(drawInitialParams(resolveEntry('pau'), {}, 5).a1).toBe(0.505000375);
    expect(drawInitialParams(resolveEntry('poly'), { d: '4' }, 5).c0).toBeCloseTo(15 * 4 / 256, 15);
  });
});
