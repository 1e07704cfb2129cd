/**
 * §5 of ACTIVATIONS.md: backward-rule modifiers. The forward formula is unchanged (taken from
 * the Tier A entry it modifies); `surrogate` is the s(x) used in place of f′ in training.
 */
import type { ActivationEntry, FormulaSet, ParamSpec } from '../types';
import { PAPERS as P } from '../papers';
import { fixed } from '../paramSpec';
import { integerChoices, integerOption, num } from '../formulaText';
import { fitFewBit } from '../fewbit';
import { TIER_A } from './tierA';
import { COMPOSITE_ENTRIES } from './composite';

function tierA(id: string): ActivationEntry {
  const entry = [...TIER_A, ...COMPOSITE_ENTRIES].find((e) => e.id === id);
  if (!entry) throw new Error(`Tier A entry "${id}" is missing`);
  return entry;
}

/** Σ_i a_i·H(x − c_i): the published two-bit surrogates of Approx-BP. */
function stepSum(a: readonly number[], c: readonly number[]): string {
  return a.map((ai, i) => `${num(ai)} * step(x - ${num(c[i])})`).join(' + ');
}

const REGELU2 = {
  a: [-0.04922261145617846, 1.0979632065417297, -0.048740595085551286],
  c: [-3.1858810036855245, -0.001178821281161997, 3.190832613414926],
};
const RESILU2 = {
  a: [-0.04060357190528599, 1.080925428529668, -0.040321856624382146],
  c: [-6.3050461001646445, -0.0008684942046214787, 6.325815242089708],
};

/** Bases few-bit accepts: every deterministic Tier A entry. */
const FEWBIT_BASES = [...TIER_A, ...COMPOSITE_ENTRIES].map((e) => e.id).filter((id) => id !== 'stochastic-silu-relu');

function fewBitSet(options: Record<string, string>): FormulaSet {
  const baseId = options.base ?? 'gelu';
  if (!FEWBIT_BASES.includes(baseId)) throw new Error(`Option "base" of few-bit must be a Tier A id; got "${baseId}"`);
  const base = tierA(baseId);
  const b = integerOption(options, 'b', 3, 1, 4);
  return { formula: base.formula, surrogate: fitFewBit(base, b).surrogate, params: base.params };
}

type SteVariant = 'sign' | 'quant-relu';
type SteSurrogate = 'clipped' | 'relu' | 'identity';

function steSet(options: Record<string, string>): FormulaSet & { params: ParamSpec[] } {
  const variant = (options.variant ?? 'sign') as SteVariant;
  const surrogate = (options.surrogate ?? 'clipped') as SteSurrogate;
  if (variant === 'sign') {
    const s = { clipped: 'step(x + 1) - step(x - 1)', identity: '1' } as Record<string, string>;
    if (!(surrogate in s)) throw new Error(`Option "surrogate" for the sign estimator must be clipped or identity; got "${surrogate}"`);
    return { formula: tierA('sign').formula, surrogate: s[surrogate], params: [] };
  }
  if (variant !== 'quant-relu') throw new Error(`Option "variant" of ste must be sign or quant-relu; got "${variant}"`);
  const levels = '(2^b - 1)';
  const s: Record<SteSurrogate, string> = {
    // Clipped-ReLU proxy 1[0 < x ≤ L·Δ].
    clipped: `step(x) - step(x - ${levels} * delta)`,
    relu: 'step(x)',
    identity: '1',
  };
  if (!(surrogate in s)) throw new Error(`Option "surrogate" must be clipped, relu or identity; got "${surrogate}"`);
  return {
    formula: `delta * min(max(ceil(x / delta), 0), ${levels})`,
    surrogate: s[surrogate],
    params: [
      fixed('b', 2, 1, 8, { integer: true, description: 'bits: L = 2^b − 1 levels above 0' }),
      fixed('delta', 1, 0.05, 2, { description: 'quantisation step Δ' }),
    ],
  };
}

const fewBitDefaults = { base: 'gelu', b: '3' };

export const MODIFIERS: ActivationEntry[] = [
  {
    id: 'helu', name: 'HeLU', aliases: ['Hysteresis ReLU'], tier: 'modifier', family: 'relu', tags: ['backward-rule'],
    formula: tierA('relu').formula,
    surrogate: 'step(x + alpha)',
    params: [fixed('alpha', 0.05, 0, 1, { description: 'hysteresis: the backward pass lets gradient through for x > −α' })],
    sources: [P.kimhi2024], status: 'confirmed',
  },
  {
    id: 'regelu2', name: 'ReGELU2', aliases: [], tier: 'modifier', family: 'gaussian-gated', tags: ['backward-rule', 'memory'],
    formula: tierA('gelu').formula,
    surrogate: stepSum(REGELU2.a, REGELU2.c),
    params: [],
    sources: [P.yang2024], status: 'confirmed',
    notes: ['A 2-bit instance of few-bit with the published levels and thresholds.'],
  },
  {
    id: 'resilu2', name: 'ReSiLU2', aliases: [], tier: 'modifier', family: 'sigmoid-gated', tags: ['backward-rule', 'memory'],
    formula: tierA('silu').formula,
    surrogate: stepSum(RESILU2.a, RESILU2.c),
    params: [],
    sources: [P.yang2024], status: 'confirmed',
    notes: ['A 2-bit instance of few-bit with the published levels and thresholds.'],
  },
  {
    id: 'few-bit', name: 'Few-Bit Backward', aliases: ['FewBit', 'S2A', 'S2A 4-bit derivative'], tier: 'modifier', family: 'quantized-backward', tags: ['backward-rule', 'memory'],
    formula: tierA(fewBitDefaults.base).formula,
    // Lazy: the DP (about 10⁷ steps) runs on first use, not at import.
    get surrogate(): string {
      return fitFewBit(tierA(fewBitDefaults.base), Number(fewBitDefaults.b)).surrogate;
    },
    params: tierA(fewBitDefaults.base).params,
    options: [
      { name: 'base', default: fewBitDefaults.base, choices: FEWBIT_BASES, description: 'forward activation f' },
      { name: 'b', default: fewBitDefaults.b, choices: integerChoices(1, 4), description: 'bits per element stored for the backward pass (K = 2^b levels)' },
    ],
    resolve: fewBitSet,
    sources: [P.novikov2023], status: 'confirmed',
    notes: [
      'Levels and thresholds minimise ∫ φ(x)(f′ − q)² dx (exact DP on 2001 points of [−8, 8]), fitted at the base’s default parameters; fitFewBit() refits for other values.',
      'For piecewise-linear bases the fit is exact (fitFewBit(...).exact).',
    ],
  },
  {
    id: 'ste', name: 'Straight-through estimators', aliases: ['STE', 'straight-through'], tier: 'modifier', family: 'quantized-backward', tags: ['backward-rule', 'binary', 'quantization'],
    ...steSet({}),
    options: [
      { name: 'variant', default: 'sign', choices: ['sign', 'quant-relu'], description: 'forward: sgn(x), or the b-bit quantised ReLU Δ·min(max(⌈x/Δ⌉, 0), 2^b − 1)' },
      { name: 'surrogate', default: 'clipped', choices: ['clipped', 'relu', 'identity'], description: 'backward: clipped (1[−1 < x ≤ 1] for sign, 1[0 < x ≤ LΔ] for quant-relu), relu (H(x), quant-relu only) or identity (1)' },
    ],
    resolve: steSet,
    sources: [P.bengio2013, P.yin2019, P.long2021], status: 'standard',
  },
  {
    id: 'soft-gate', name: 'Excitation pullback (soft-gated ReLU backward)', aliases: ['excitation pullback'], tier: 'modifier', family: 'relu', tags: ['backward-rule', 'attribution'],
    formula: tierA('relu').formula,
    surrogate: 'sigmoid(x / tau)',
    params: [fixed('tau', 1, 0.01, 10, { description: 'temperature of the soft gate' })],
    sources: [P.satkiewicz2025], status: 'confirmed',
    notes: ['Designed for attributions (input gradients); training with it is an experiment.'],
  },
];
