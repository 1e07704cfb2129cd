import { describe, expect, it } from 'vitest';
import { SLIDER_STEPS, sliderScale } from '../../../../src/app/explore/sliderScale';
import { paramLabel } from '../../../../src/app/explore/paramLabel';
import type { ParamSpec } from '../../../../src/core/registry/types';

const spec = (p: Partial<ParamSpec>): ParamSpec => ({ name: 'p', default: 1, min: 0, max: 1, learnable: 'no', ...p });

describe('slider scales', () => {
  it('log scale gives every decade the same slider length', () => {
    // SAU's s: 5e-5 … 2 spans log10(2/5e-5) = 4.602 decades.
    const s = sliderScale(spec({ min: 5e-5, max: 2, scale: 'log' }));
    const perDecade = SLIDER_STEPS / Math.log10(2 / 5e-5);
    expect(s.toPosition(5e-4) - s.toPosition(5e-5)).toBeCloseTo(perDecade, 9);
    expect(s.toPosition(0.5) - s.toPosition(0.05)).toBeCloseTo(perDecade, 9);
    expect(s.toValue(0)).toBe(5e-5);
    expect(s.toValue(SLIDER_STEPS)).toBe(2);
    expect(s.toValue(s.toPosition(0.01))).toBeCloseTo(0.01, 6);
  });

  it('linear scale maps ends exactly and snaps to a clean decimal grid', () => {
    const s = sliderScale(spec({ min: 0.1, max: 10 }));
    expect(s.toValue(0)).toBe(0.1);
    expect(s.toValue(SLIDER_STEPS)).toBe(10);
    expect(s.toValue(500)).toBe(5.05);
    expect(s.toPosition(5.05)).toBeCloseTo(500, 9);
  });

  it('integer parameters step by one', () => {
    const s = sliderScale(spec({ min: 1, max: 8, integer: true }));
    expect([s.min, s.max, s.step]).toEqual([1, 8, 1]);
    expect(s.toValue(3.4)).toBe(3);
  });
});

describe('parameter labels', () => {
  it('spells Greek names and subscripts digits', () => {
    expect(['alpha', 'omega0', 'lambda1', 'a0', 'b4', 'T', 'eps', 'c12'].map(paramLabel)).toEqual(['α', 'ω₀', 'λ₁', 'a₀', 'b₄', 'T', 'ε', 'c₁₂']);
    expect(['constructor', 'toString', '__proto__'].map(paramLabel)).toEqual(['constructor', 'toString', '__proto__']);
  });
});
