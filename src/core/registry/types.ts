/**
 * One registry entry per activation: data only. Everything executable (float64 evaluators,
 * derivatives, TeX, tf.js ops, exported code) is compiled from `formula` / `surrogate`.
 */

type Tier = 'A' | 'B' | 'C' | 'modifier';
/** ACTIVATIONS.md status column: C = confirmed, S = standard, R = reconstruction. */
type Status = 'confirmed' | 'standard' | 'reconstruction';

export interface ParamSpec {
  /** ASCII identifier used in formulas, URLs and exported code: alpha, beta, eps, a0, … */
  name: string;
  default: number;
  min: number;
  max: number;
  /** 'yes': trained with the weights; 'optional': a training toggle, off by default; 'no': fixed. */
  learnable: 'yes' | 'optional' | 'no';
  integer?: boolean;
  /** Slider scale; 'log' for parameters spanning decades (SAU's s). */
  scale?: 'linear' | 'log';
  description?: string;
}

/** A non-numeric choice (base activation, estimator variant, init scheme). */
export interface OptionSpec {
  name: string;
  default: string;
  choices: string[];
  description?: string;
}

export interface Source {
  authors: string;
  year: number;
  title: string;
  /** Without the "arXiv:" prefix; absent for papers not on arXiv. */
  arxiv?: string;
}

export interface FormulaSet {
  /** Forward function in the expression language. Variable `x` (Tier C: `a` and `u`). */
  formula: string;
  /** Backward-rule modifiers: s(x), used in place of f'(x) in backprop. */
  surrogate?: string;
  /** Parameters when an option changes them (e.g. polynomial degree); else the entry's params. */
  params?: ParamSpec[];
}

/**
 * What training needs for a stochastic entry, which a deterministic formula cannot express: per
 * element and per forward pass draw u ~ Bernoulli(p) from the run's seeded RNG, evaluate the
 * two-variable `formula` o(a, u) at the pre-activation a, and keep the same mask for the backward
 * pass (differentiate in a with u fixed).
 */
export interface StochasticTrainingRule {
  /** Name of the parameter holding P(u = 1). */
  probabilityParam: string;
  /** o(a, u), vars ['a', 'u']. */
  formula: string;
}

export interface ActivationEntry {
  /** Stable id (kebab-case) used in URLs, saved runs, the CLI and exports. */
  id: string;
  name: string;
  aliases: string[];
  tier: Tier;
  /** Family for grouping in the UI: 'relu', 'sigmoid-gated', 'polynomial', 'periodic', … */
  family: string;
  /** Search tags beyond computed ones: 'learnable', 'gated', 'inr', 'linear-attention', … */
  tags: string[];
  formula: string;
  surrogate?: string;
  params: ParamSpec[];
  options?: OptionSpec[];
  /** Formula (and params) for non-default option values. Must be pure. */
  resolve?: (options: Record<string, string>) => FormulaSet;
  /** Optional nicer TeX for the forward function; derivatives' TeX is always generated. */
  tex?: string;
  /**
   * The formula as mathematics writes it, where `formula` adds numerical guards (a clamp that
   * keeps float32 finite and changes no value that matters). The TeX of f, f′ and f″ is derived
   * from it, so the shown derivatives are the mathematical ones; `guard` says in words what
   * the computed formula adds. Tested to agree with `formula` away from the guarded region.
   */
  math?: { formula: string; guard: string };
  sources: Source[];
  status: Status;
  /** Short notes shown in the UI (numerics, reconstruction scope, init). */
  notes?: string[];
  /** Parameter values for a one-click "paper preset" (SIREN ω0=30, WIRE, …). */
  presets?: { name: string; params: Record<string, number> }[];
  /** Stochastic entries: the rule training applies in place of `formula` (the evaluation rule). */
  trainingRule?: (options: Record<string, string>) => StochasticTrainingRule;
}
