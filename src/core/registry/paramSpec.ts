/** Compact constructors for ParamSpec, so entry tables stay one line per parameter. */
import type { ParamSpec } from './types';

type ParamExtras = Partial<Pick<ParamSpec, 'integer' | 'scale' | 'description'>>;

/** A fixed (not trained) parameter with a slider range. */
export function fixed(name: string, value: number, min: number, max: number, extras: ParamExtras = {}): ParamSpec {
  return { name, default: value, min, max, learnable: 'no', ...extras };
}

/** A parameter trained with the network weights ("L" in ACTIVATIONS.md). */
export function learnable(name: string, value: number, min: number, max: number, extras: ParamExtras = {}): ParamSpec {
  return { name, default: value, min, max, learnable: 'yes', ...extras };
}

/** A parameter with a training toggle, off by default ("L opt"). */
export function optionallyLearnable(name: string, value: number, min: number, max: number, extras: ParamExtras = {}): ParamSpec {
  return { name, default: value, min, max, learnable: 'optional', ...extras };
}

/** Coefficient vectors of Tier B families: `prefix + index`, each trained, each in one range. */
export function coefficients(prefix: string, values: readonly number[], firstIndex: number, range: number): ParamSpec[] {
  return values.map((v, i) => learnable(`${prefix}${i + firstIndex}`, v, Math.min(-range, v), Math.max(range, v)));
}

/** A formula with its own parameter list (Tier B families, option variants). */
export interface FormulaWithParams {
  formula: string;
  params: ParamSpec[];
}
