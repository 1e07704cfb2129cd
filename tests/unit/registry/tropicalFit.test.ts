/**
 * tropical-rational init `fit`: Adam on the MSE to a target over 256 points on [−n, n]. The
 * fitted function is checked through the compiled registry formula against independent float64
 * references (GELU from ./reference's erf; ReLU), and the random init is rebuilt from its
 * documented draw (N(0, 1) from the registry seed).
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { drawInitialParams, resolveEntry } from '../../../src/core/registry';
import { drawTropicalRational } from '../../../src/core/registry/builders/piecewiseLinear';
import { fitTarget } from '../../../src/core/registry/fits/fitTargets';
import { fitTropicalRational, TROPICAL_FIT } from '../../../src/core/registry/fits/tropicalFit';
import { initRng } from '../../../src/core/registry/registryRng';
import { PhiRef } from './reference';

const geluRef = (x: number) => x * PhiRef(x);
const reluRef = (x: number) => Math.max(0, x);

/** MSE of g to t on the spec's grid: 256 uniform points over [−n, n]. */
function mse(n: number, g: (x: number) => number, t: (x: number) => number): number {
  let total = 0;
  for (let i = 0; i < 256; i++) {
    const x = -n + (2 * n * i) / 255;
    total += (g(x) - t(x)) ** 2;
  }
  return total / 256;
}

describe('tropical-rational fit', () => {
  const entry = resolveEntry('tropical-rational');

  it('GELU, n = 4: the stopping rule is not reached, but the MSE improves ≥ 1000× on the random init (measured 16.0 → 1.3e-3)', () => {
    const fitted = compileActivation(entry, { init: 'fit', target: 'gelu' }).scalar();
    const random = compileActivation(entry, {}).scalar();
    const fittedMse = mse(4, fitted.f, geluRef);
    const randomMse = mse(4, random.f, geluRef);
    expect(randomMse).toBeGreaterThan(1);
    expect(fittedMse).toBeLessThan(5e-3);
    expect(fittedMse * 1000).toBeLessThan(randomMse);
  });

  it('ReLU, n = 4: reaches the threshold, MSE < 1e-4, in far fewer than 40000 steps', () => {
    const fit = fitTropicalRational(4, drawTropicalRational(4, initRng('tropical-rational')), fitTarget('relu'));
    expect(fit.loss).toBeLessThan(TROPICAL_FIT.lossThreshold);
    expect(fit.steps).toBeLessThan(5000);
    const f = compileActivation(entry, { init: 'fit', target: 'relu' }).scalar().f;
    expect(mse(4, f, reluRef)).toBeLessThan(1e-4);
  });

  it('starts from the registry-seed N(0, 1) draw (the default init), reports that loss, and is deterministic', () => {
    const init = drawTropicalRational(4, initRng('tropical-rational'));
    const defaults = Object.fromEntries(entry.params.map((p) => [p.name, p.default]));
    init.p.forEach((v, k) => expect(defaults[`p${k}`]).toBe(v));
    init.b.forEach((v, k) => expect(defaults[`b${k}`]).toBe(v));
    const random = compileActivation(entry, {}).scalar();
    const first = fitTropicalRational(4, init, fitTarget('gelu'));
    expect(first.initialLoss).toBeCloseTo(mse(4, random.f, geluRef), 6);
    const second = fitTropicalRational(4, drawTropicalRational(4, initRng('tropical-rational')), fitTarget('gelu'));
    expect(second).toEqual(first);
    expect(first.steps).toBe(TROPICAL_FIT.maxSteps);
  });

  it('runs well under 10 s (uncached, n = 8, SiLU: the slowest measured case, about 1.4 s)', () => {
    const t0 = performance.now();
    const fit = fitTropicalRational(8, drawTropicalRational(8, initRng('tropical-rational')), fitTarget('silu'));
    const ms = performance.now() - t0;
    console.log(`tropical-rational fit, n = 8, silu: ${fit.steps} steps in ${ms.toFixed(0)} ms, MSE ${fit.initialLoss.toExponential(2)} → ${fit.loss.toExponential(2)}`);
    expect(ms).toBeLessThan(5000);
    expect(fit.loss * 10).toBeLessThan(fit.initialLoss);
  }, 20_000);

  it('the fitted init is the same for every run seed; the random init is not', () => {
    const a = drawInitialParams(entry, { init: 'fit', target: 'gelu' }, 1);
    const b = drawInitialParams(entry, { init: 'fit', target: 'gelu' }, 2);
    expect(b).toEqual(a);
    const compiled = compileActivation(entry, { init: 'fit', target: 'gelu' });
    for (const p of compiled.params) expect(a[p.name]).toBe(p.default);
    expect(drawInitialParams(entry, {}, 1).p0).not.toBe(drawInitialParams(entry, {}, 2).p0);
  });

  it('bad options: clear messages', () => {
    expect(() => compileActivation(entry, { init: 'fit', target: 'nope' })).toThrow(/target.*cannot be "nope"/);
    expect(() => fitTropicalRational(1, drawTropicalRational(1, initRng('x')), { f: () => Infinity, df: () => 0 })).toThrow(/not finite/);
  });
});
