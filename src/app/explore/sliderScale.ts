/**
 * Maps a parameter's value to a slider position and back. Linear parameters use 1000 steps
 * (integer ones one step per integer); log-scaled ones (e.g. SAU's s over 5e-5…2) are uniform in
 * ln(value), so every decade gets the same slider length.
 */
import type { ParamSpec } from '../../core/registry/types';

export const SLIDER_STEPS = 1000;

export interface SliderScale {
  min: number;
  max: number;
  step: number;
  /** One position per integer value (arrow keys move by one). */
  integer: boolean;
  toPosition(value: number): number;
  toValue(position: number): number;
}

export function sliderScale(spec: ParamSpec): SliderScale {
  if (spec.integer) {
    return { min: spec.min, max: spec.max, step: 1, integer: true, toPosition: (v) => v, toValue: (p) => Math.round(p) };
  }
  if (spec.scale === 'log' && spec.min > 0) {
    const lo = Math.log(spec.min);
    const hi = Math.log(spec.max);
    return {
      min: 0,
      max: SLIDER_STEPS,
      step: 1,
      integer: false,
      toPosition: (v) => ((Math.log(Math.min(Math.max(v, spec.min), spec.max)) - lo) / (hi - lo)) * SLIDER_STEPS,
      toValue: (p) => roundSignificant(Math.exp(lo + (p / SLIDER_STEPS) * (hi - lo)), 4),
    };
  }
  return {
    min: 0,
    max: SLIDER_STEPS,
    step: 1,
    integer: false,
    toPosition: (v) => ((v - spec.min) / (spec.max - spec.min)) * SLIDER_STEPS,
    // Snap to a decimal grid finer than one slider step so values read cleanly (0.15, not 0.1500000002).
    toValue: (p) => snap(spec.min + (p / SLIDER_STEPS) * (spec.max - spec.min), (spec.max - spec.min) / SLIDER_STEPS),
  };
}

/** An arrow key moves 1/100 of the slider, with Shift 1/1000 (one position); integers move by 1. */
const ARROW_FRACTION = 100;

/** Slider positions an arrow key moves by, or null for keys left to the browser. */
export function arrowStep(key: string, shift: boolean, scale: SliderScale): number | null {
  const dir = key === 'ArrowRight' || key === 'ArrowUp' ? 1 : key === 'ArrowLeft' || key === 'ArrowDown' ? -1 : 0;
  if (dir === 0) return null;
  if (scale.integer) return dir;
  return dir * (shift ? 1 : SLIDER_STEPS / ARROW_FRACTION);
}

function roundSignificant(v: number, digits: number): number {
  return Number(v.toPrecision(digits));
}

function snap(v: number, stepSize: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(stepSize)) + 1);
  return Number(v.toFixed(Math.min(decimals, 15)));
}
