/**
 * The function whitelist of the expression language: names, aliases and arities. The parser,
 * the evaluators and the TeX printer all read this one table.
 */
import type { FnName } from './ast';

/** Fixed argument count; 'n' means two or more (max, min), folded left into binary calls. */
export const ARITY: Record<FnName, number | 'n'> = {
  exp: 1, log: 1, log1p: 1, expm1: 1, sqrt: 1, abs: 1, sign: 1, step: 1,
  max: 'n', min: 'n', sin: 1, cos: 1, tan: 1, tanh: 1, sinh: 1, cosh: 1, atan: 1,
  erf: 1, Phi: 1, phi: 1, sigmoid: 1, softplus: 1, logsigmoid: 1,
  ceil: 1, floor: 1,
  mlE: 3, mlE1: 3, mlE2: 3,
};

/** Other spellings users type, mapped to the canonical name. */
const ALIASES: Record<string, FnName> = {
  arctan: 'atan',
  ln: 'log',
  sgn: 'sign',
  heaviside: 'step',
  sp: 'softplus',
  normcdf: 'Phi',
  normpdf: 'phi',
};

export function lookupFunction(name: string): FnName | undefined {
  if (Object.hasOwn(ARITY, name)) return name as FnName;
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name];
  return undefined;
}
