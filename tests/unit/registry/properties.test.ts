/**
 * Computed properties against facts derived by hand: ReLU/tanh classes, and the minima of GELU,
 * Swish/SiLU and Mish (known values: GELU min −0.16997 at −0.75179, SiLU −0.27846 at −1.27846 —
 * the root of 1 + x(1 − σ(x)) = 0 satisfies x = −1 − e^x, so the minimum value is x + 1 — and
 * Mish −0.30884 at −1.19243).
 */
import { describe, expect, it } from 'vitest';
import { resolveEntry } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { computeProperties } from '../../../src/core/registry/properties';

const props = (id: string, options: Record<string, string> = {}, params?: Record<string, number>) =>
  computeProperties(compileActivation(resolveEntry(id), options), params);

describe('computed properties', () => {
  it('relu: increasing, bounded below by 0 (attained at 0), unbounded above, kink at 0, not zero-centred', () => {
    const p = props('relu');
    expect(p.monotonic).toBe('increasing');
    expect(p.boundedBelow).toBe(true);
    expect(p.boundedAbove).toBe(false);
    expect(p.smooth).toBe(false);
    expect(p.continuity).toBe('C0');
    expect(p.kinks).toEqual([0]);
    expect(p.min).toEqual({ value: 0, at: 0, inTail: true });
    expect(p.max).toBeUndefined();
    expect(p.zeroCentred).toBe(false);
    expect([p.f0, p.df0]).toEqual([0, 0]);
  });

  it('tanh: increasing, bounded both ways by ∓1 in the tails, smooth, zero-centred', () => {
    const p = props('tanh');
    expect(p.monotonic).toBe('increasing');
    expect([p.boundedBelow, p.boundedAbove]).toEqual([true, true]);
    expect(p.smooth).toBe(true);
    expect(p.continuity).toBe('smooth');
    expect(p.zeroCentred).toBe(true);
    // Within 1e-12 relative: among near-equal tail samples the one closest to 0 is reported.
    expect(p.min?.value).toBeCloseTo(-1, 11);
    expect(p.min?.inTail).toBe(true);
    expect(p.df0).toBe(1);
  });

  it('GELU, Swish (β = 1), Mish: minimum value and location', () => {
    const swishX = -1.2784645427610737; // root of x = −1 − e^x (Lambert W: −1 − W(1/e))
    const cases: [string, number, number, number][] = [
      ['gelu', -0.16997120747990987, -0.7517915241311532, 1e-9],
      ['swish', swishX + 1, swishX, 1e-12],
      ['silu', swishX + 1, swishX, 1e-12],
      ['mish', -0.30884, -1.19243, 1e-5],
    ];
    for (const [id, value, at, tol] of cases) {
      const p = props(id);
      expect(p.monotonic, id).toBe('no');
      expect(p.min?.value, id).toBeCloseTo(value, -Math.log10(tol));
      // The location of a minimum is only determined to ~√(ε)·scale by function values.
      expect(Math.abs((p.min?.at ?? NaN) - at), id).toBeLessThan(Math.max(1e-6, tol));
      expect(p.boundedAbove).toBe(false);
      expect(p.smooth).toBe(true);
    }
    // x = −1 − e^x at the SiLU minimum (independent check of the constant used above).
    expect(swishX).toBeCloseTo(-1 - Math.exp(swishX), 15);
  });

  it('continuity classes: relu2 and ELU are C¹; sign is discontinuous; hardswish has kinks at ±3', () => {
    expect(props('relu2').continuity).toBe('C1');
    expect(props('elu').continuity).toBe('C1');
    expect(props('selu').continuity).toBe('C0');
    expect(props('sign').continuity).toBe('discontinuous');
    expect(props('hardswish').kinks).toEqual([-3, 3]);
    expect(props('relu6').kinks).toEqual([0, 6]);
  });

  it('bounds: softsign bounded (asymptote), logsigmoid unbounded below, x·cos x unbounded both ways', () => {
    const s = props('softsign');
    expect([s.boundedBelow, s.boundedAbove]).toEqual([true, true]);
    expect(s.min?.inTail).toBe(true);
    const l = props('logsigmoid');
    expect([l.boundedBelow, l.boundedAbove]).toEqual([false, true]);
    const g = props('gcu');
    expect([g.boundedBelow, g.boundedAbove, g.monotonic]).toEqual([false, false, 'no']);
  });

  it('parameters and options change the properties: SAU f(0) = (1−α)s/√(2π); mono-concave bounded above', () => {
    const sau = props('sau', {}, { alpha: 0.15, s: 0.5 });
    expect(sau.f0).toBeCloseTo(0.85 * 0.5 / Math.sqrt(2 * Math.PI), 14);
    expect(sau.zeroCentred).toBe(false);
    expect(sau.smooth).toBe(true);
    const mc = props('mono-concave', { base: 'elu' });
    expect([mc.boundedBelow, mc.boundedAbove, mc.monotonic]).toEqual([false, true, 'increasing']);
    expect(mc.max?.value).toBeCloseTo(1, 11);
  });
});
