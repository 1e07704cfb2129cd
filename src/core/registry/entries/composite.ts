/**
 * Tier A entries built from other Tier A entries: the monotone constructions of Runje &
 * Shankaranarayana (a base ρ chosen by option) and the stochastic ReLU/SiLU mix. The base
 * formulas are taken from the base entries themselves, never restated.
 */
import type { ActivationEntry, FormulaSet, ParamSpec, StochasticTrainingRule } from '../types';
import { PAPERS as P } from '../papers';
import { fixed } from '../paramSpec';
import { substituteIdentifier } from '../formulaText';
import { TIER_A } from './tierA';

/** Convex, non-decreasing Tier A entries allowed as the base ρ. */
const CONVEX_BASES = ['relu', 'leaky-relu', 'elu', 'celu', 'selu', 'softplus', 'relu2', 'exponential'];

function tierA(id: string): ActivationEntry {
  const entry = TIER_A.find((e) => e.id === id);
  if (!entry) throw new Error(`Tier A entry "${id}" is missing`);
  return entry;
}

function baseOption(options: Record<string, string>, allowed: string[]): ActivationEntry {
  const base = options.base ?? 'relu';
  if (!allowed.includes(base)) throw new Error(`Option "base" must be one of ${allowed.join(', ')}; got "${base}"`);
  return tierA(base);
}

/** ρ evaluated at `arg` (a formula in x), with ρ's own parameters. */
function rhoAt(base: ActivationEntry, arg: string): string {
  return `(${substituteIdentifier(base.formula, 'x', arg)})`;
}

function concaveFormula(base: ActivationEntry): FormulaSet & { params: ParamSpec[] } {
  return { formula: `-${rhoAt(base, '-x')}`, params: base.params };
}

function saturatedFormula(base: ActivationEntry): FormulaSet & { params: ParamSpec[] } {
  // Branches as x > 0 so the tie at 0 takes the left branch ρ(x+1) − ρ(1), per the spec.
  return {
    formula: `x > 0 ? ${rhoAt(base, '1')} - ${rhoAt(base, '1 - x')} : ${rhoAt(base, 'x + 1')} - ${rhoAt(base, '1')}`,
    params: base.params,
  };
}

const baseOptionSpec = {
  name: 'base', default: 'relu', choices: CONVEX_BASES,
  description: 'convex, non-decreasing base activation ρ',
};

const monoConcave: ActivationEntry = {
  id: 'mono-concave', name: 'Concave monotone activation ρ̂', aliases: ['concave monotone'], tier: 'A', family: 'monotone', tags: ['monotone', 'concave'],
  ...concaveFormula(tierA('relu')),
  tex: String.raw`\hat\rho(x) = -\rho(-x)`,
  options: [baseOptionSpec],
  resolve: (options) => concaveFormula(baseOption(options, CONVEX_BASES)),
  sources: [P.runje2023], status: 'confirmed',
  notes: ['ρ̂(x) = −ρ(−x) for a convex, non-decreasing base ρ (the base keeps its own parameters).'],
};

const monoSaturated: ActivationEntry = {
  id: 'mono-saturated', name: 'Saturated monotone activation ρ̃', aliases: ['saturated monotone'], tier: 'A', family: 'monotone', tags: ['monotone', 'saturated'],
  ...saturatedFormula(tierA('relu')),
  tex: String.raw`\tilde\rho(x) = \begin{cases} \rho(1) - \rho(1 - x) & \text{if } x > 0 \\ \rho(x + 1) - \rho(1) & \text{otherwise} \end{cases}`,
  options: [baseOptionSpec],
  resolve: (options) => saturatedFormula(baseOption(options, CONVEX_BASES)),
  sources: [P.runje2023], status: 'confirmed',
  notes: ['With base relu this is hardtanh on [−1, 1].'],
};

/** Training for stochastic-silu-relu: mask u = 1 picks ReLU, u = 0 SiLU, at the pre-activation a. */
function stochasticTrainingRule(options: Record<string, string>): StochasticTrainingRule {
  const relu = substituteIdentifier(tierA('relu').formula, 'x', 'a');
  const silu = substituteIdentifier(tierA('silu').formula, 'x', 'a');
  const formula = options.negOnly === 'on'
    // Alternative reading (R5): draw only where a < 0; a ≥ 0 passes through (ReLU = SiLU's limit there).
    ? `a > 0 ? a : (u > 0 ? 0 : ${silu})`
    : `u > 0 ? ${relu} : ${silu}`;
  return { probabilityParam: 'p', formula };
}

function stochasticEvalFormula(options: Record<string, string>): FormulaSet & { params: ParamSpec[] } {
  const mode = options.eval ?? 'relu';
  const negOnly = options.negOnly === 'on';
  const relu = tierA('relu').formula;
  const silu = tierA('silu').formula;
  const p = fixed('p', 0.5, 0, 1, { description: 'P(ReLU) per element and forward pass' });
  const pass = (negative: string) => (negOnly ? `x > 0 ? x : ${negative}` : negative);
  switch (mode) {
    case 'relu': return { formula: relu, params: [p] };
    case 'silu': return { formula: pass(silu), params: [p] };
    // The plotted curve for `sample` is the expectation; the trainer draws masks at eval too.
    case 'mean':
    case 'sample': return { formula: pass(`p * ${negOnly ? '0' : relu} + (1 - p) * ${silu}`), params: [p] };
    default: throw new Error(`Option "eval" must be one of relu, silu, sample, mean; got "${mode}"`);
  }
}

const stochasticSiluRelu: ActivationEntry = {
  id: 'stochastic-silu-relu', name: 'Stochastic activation (Bernoulli SiLU/ReLU)', aliases: ['StochA', 'stochastic activations'], tier: 'A', family: 'stochastic', tags: ['stochastic', 'sparse'],
  ...stochasticEvalFormula({}),
  options: [
    { name: 'eval', default: 'relu', choices: ['relu', 'silu', 'sample', 'mean'], description: 'rule at evaluation time (the formula shown); sample plots the mean' },
    { name: 'negOnly', default: 'off', choices: ['off', 'on'], description: 'draw only where x < 0 (alternative reading, R5)' },
  ],
  resolve: stochasticEvalFormula,
  trainingRule: stochasticTrainingRule,
  sources: [P.lomeli2025], status: 'reconstruction',
  notes: [
    'Training: per element and per forward pass u ~ Bernoulli(p); f = ReLU(x) if u = 1, else SiLU(x); the backward pass uses the same mask (trainingRule).',
    'The formula is the evaluation rule (option eval). Reconstruction: the sampling granularity (R5).',
  ],
};

export const COMPOSITE_ENTRIES: ActivationEntry[] = [monoConcave, monoSaturated, stochasticSiluRelu];
