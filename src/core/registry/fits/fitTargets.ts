/**
 * Targets for the fitted inits (hermite `fit-to-activation`, tropical-rational `fit`): Tier A
 * entries at their default parameters, evaluated in float64 through their compiled f and f′,
 * so a target is defined once, in the registry, like everything else.
 */
import { compileActivation } from '../../activation/compile';
import { TIER_A } from '../entries/tierA';

/** Tier A ids offered as fit targets: the common smooth and kinked shapes. */
export const FIT_TARGET_IDS = ['relu', 'leaky-relu', 'elu', 'gelu', 'silu', 'mish', 'softplus', 'tanh', 'sigmoid'] as const;

/** A target activation as float64 functions. */
export interface FitTarget {
  f(x: number): number;
  df(x: number): number;
}

export function fitTarget(id: string): FitTarget {
  if (!(FIT_TARGET_IDS as readonly string[]).includes(id)) {
    throw new Error(`Fit target must be one of ${FIT_TARGET_IDS.join(', ')}; got "${id}"`);
  }
  const entry = TIER_A.find((e) => e.id === id);
  if (!entry) throw new Error(`Tier A entry "${id}" is missing`);
  const s = compileActivation(entry).scalar();
  return { f: s.f, df: s.df };
}

/** `count` uniform points on [lo, hi], both ends included. */
export function uniformGrid(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}
