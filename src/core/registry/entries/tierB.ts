/**
 * Tier B of ACTIVATIONS.md: learnable function families. Coefficient vectors are expanded into
 * scalar parameters by the builders in ../builders; an option that changes the number of
 * coefficients (degree, number of terms) re-builds the formula through `resolve`.
 */
import type { ActivationEntry } from '../types';
import { PAPERS as P } from '../papers';
import { integerChoices, integerOption, substituteIdentifier, sum } from '../formulaText';
import { coefficients, type FormulaWithParams } from '../paramSpec';
import { initRng, REGISTRY_INIT_SEED } from '../registryRng';
import { hermiteFormula, paonFormula, pauFormula, polyFormula, polyReluFormula } from '../builders/polynomials';
import { chebyshevFormula, fourierFormula, fourierKanFormula, kafFormula } from '../builders/trigonometric';
import { drawTropicalRational, pwlFormula, tropicalRationalFormula } from '../builders/piecewiseLinear';
import { TIER_A } from './tierA';
import { FIT_TARGET_IDS, fitTarget } from '../fits/fitTargets';
import { fitHermiteCoefficients } from '../fits/hermiteFit';
import { cachedTropicalFit } from '../fits/tropicalFit';

function tierAFormula(id: string): string {
  const entry = TIER_A.find((e) => e.id === id);
  if (!entry) throw new Error(`Tier A entry "${id}" is missing`);
  return entry.formula;
}

function choice<T extends string>(options: Record<string, string>, name: string, allowed: readonly T[], fallback: T): T {
  const value = options[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`Option "${name}" must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

/**
 * tropical-rational: init `random` draws N(0, 1) with the given seed; init `fit` is the Adam fit
 * to the target, started from the registry-seed draw and cached per (target, n), so it is the
 * same for every run seed.
 */
function tropicalRationalResolve(options: Record<string, string>, seed: number): FormulaWithParams {
  const n = integerOption(options, 'n', 4, 1, 8);
  const init = choice(options, 'init', ['random', 'fit'] as const, 'random');
  if (init === 'random') return tropicalRationalFormula(n, drawTropicalRational(n, initRng('tropical-rational', seed)));
  const targetId = options.target ?? 'gelu';
  const fit = cachedTropicalFit(targetId, n, () => drawTropicalRational(n, initRng('tropical-rational')), () => fitTarget(targetId));
  return tropicalRationalFormula(n, fit.coefficients);
}

/**
 * Options of families with random inits, resolved with a given seed. Shared by `resolve`
 * (registry seed) and drawInitialParams (a run's seed).
 */
export const SEEDED_FAMILIES: Record<string, (options: Record<string, string>, seed: number) => FormulaWithParams> = {
  kaf: (_options, seed) => kafFormula(`(${tierAFormula('gelu')})`, initRng('kaf', seed)),
  'fourier-kan': (options, seed) => fourierKanFormula(integerOption(options, 'G', 5, 1, 32), initRng('fourier-kan', seed)),
  'tropical-rational': (options, seed) => tropicalRationalResolve(options, seed),
  chebyshev: (options, seed) => chebyshevFormula(
    integerOption(options, 'K', 8, 2, 64),
    choice(options, 'init', ['tanh', 'random'] as const, 'tanh'),
    initRng('chebyshev', seed),
  ),
};

/** Option naming the target activation of a fitted init (hermite, tropical-rational). */
const targetOption = (used: string) => ({
  name: 'target', default: 'gelu', choices: [...FIT_TARGET_IDS],
  description: `target activation of the fit (used with ${used})`,
});

function hermiteResolve(options: Record<string, string>): FormulaWithParams {
  const n = integerOption(options, 'n', 5, 1, 10);
  const init = choice(options, 'init', ['paper', 'fit-to-activation'] as const, 'paper');
  if (init === 'paper') return hermiteFormula(n);
  return hermiteFormula(n, fitHermiteCoefficients(n, fitTarget(options.target ?? 'gelu')));
}

const seeded = (id: string) => (options: Record<string, string>) => SEEDED_FAMILIES[id](options, REGISTRY_INIT_SEED);

function seriesGeluFormula(): FormulaWithParams {
  const n = 4;
  const gelu = tierAFormula('gelu');
  const terms = Array.from({ length: n }, (_, i) => `a${i + 1} * (${substituteIdentifier(gelu, 'x', `x + b${i + 1}`)})`);
  return {
    formula: sum(terms),
    params: [...coefficients('a', [0.25, 0.25, 0.25, 0.25], 1, 5), ...coefficients('b', [-0.75, -0.25, 0.25, 0.75], 1, 5)],
  };
}

export const TIER_B: ActivationEntry[] = [
  {
    id: 'pau', name: 'PAU', aliases: ['Padé Activation Unit', 'safe PAU'], tier: 'B', family: 'rational', tags: ['learnable', 'rational'],
    ...pauFormula(),
    tex: String.raw`\frac{\sum_{j=0}^{5} a_j x^{j}}{1 + \sum_{k=1}^{4} \left|b_k\right| \left|x\right|^{k}}`,
    sources: [P.molina2019], status: 'confirmed',
    notes: [
      'Init = the LeakyReLU(0.01) fit; it matches only on about [−3, 3] and tends to 0.505x on both sides beyond.',
      'Denominator 1 + Σ|b_k|·|x|^k ≥ 1 (reference implementation), so there are no poles.',
    ],
  },
  {
    id: 'paon', name: 'Paon', aliases: ['Padé neuron', 'Pade neuron', 'PaonS'], tier: 'B', family: 'rational', tags: ['learnable', 'rational'],
    ...paonFormula('plain'),
    // The plain P/Q of the default variant, without the |Q| ≥ 1e-3 guard.
    tex: String.raw`\frac{P_K(x)}{Q_L(x)} = \frac{\sum_{k=0}^{3} a_k x^{k}}{1 + \sum_{k=1}^{2} b_k x^{k}}`,
    options: [{ name: 'variant', default: 'plain', choices: ['plain', 'smoothed'], description: 'plain P/Q (|Q| kept ≥ 1e-3) or smoothed PaonS' }],
    resolve: (options) => paonFormula(choice(options, 'variant', ['plain', 'smoothed'] as const, 'plain')),
    sources: [P.keles2024], status: 'reconstruction',
    notes: ['Reconstruction: the reduction of the Padé neuron to a pointwise function is ours. K = 3, L = 2; init = [3/2] Padé of tanh.'],
  },
  {
    id: 'polyrelu', name: 'PolyReLU', aliases: ['PolyCom'], tier: 'B', family: 'polynomial', tags: ['learnable', 'polynomial'],
    ...polyReluFormula(tierAFormula('relu')),
    sources: [P.zhuo2024], status: 'confirmed',
  },
  {
    id: 'hermite', name: 'Hermite polynomial activation', aliases: ['Hermite polynomial'], tier: 'B', family: 'polynomial', tags: ['learnable', 'polynomial', 'orthogonal'],
    ...hermiteFormula(5),
    // Family TeX is written with the option symbol (n, K, G) so it holds for every choice.
    tex: String.raw`\sum_{k=0}^{n} c_k\, h_k(x),\quad h_k(x) = \frac{\mathrm{He}_k(x)}{\sqrt{k!}}`,
    options: [
      { name: 'n', default: '5', choices: integerChoices(1, 10), description: 'degree n' },
      {
        name: 'init', default: 'paper', choices: ['paper', 'fit-to-activation'],
        description: 'paper: c_k = k^(−3/2)·√6/π; fit-to-activation: least squares of f and f′ to the target on [−√n, √n]',
      },
      targetOption('init = fit-to-activation'),
    ],
    resolve: hermiteResolve,
    sources: [P.khalfaoui2025], status: 'confirmed',
    notes: [
      'h_k = He_k/√(k!), orthonormal under N(0, 1); init Σ c_k² ≈ 1 (variance-preserving, current reference repository).',
      'Init fit-to-activation: c minimises Σ(f − t)² + Σ(f′ − t′)² at 512 uniform points on [−√n, √n], solved exactly (f and f′ are linear in c).',
    ],
  },
  {
    id: 'poly', name: 'Polynomial activation', aliases: ['polynomial', 'low-degree polynomial'], tier: 'B', family: 'polynomial', tags: ['learnable', 'polynomial', 'privacy'],
    ...polyFormula(2),
    options: [{ name: 'd', default: '2', choices: integerChoices(1, 6), description: 'degree d' }],
    resolve: (options) => polyFormula(integerOption(options, 'd', 2, 1, 6)),
    sources: [P.garimella2021, P.aitken2020], status: 'standard',
    notes: ['Init: least-squares fit of ReLU on [−4, 4]. Pre-activations escaping [−4, 4] make the polynomial blow up (Sisyphus).'],
  },
  {
    id: 'fourier', name: 'Fourier (trigonometric) activation', aliases: ['trigonometric', 'Fourier trigonometric'], tier: 'B', family: 'periodic', tags: ['learnable', 'periodic'],
    ...fourierFormula(4),
    tex: String.raw`a_0 + \sum_{k=1}^{n} \frac{c_k \cos\left(\omega_k x - \varphi_k\right)}{k!}`,
    options: [{ name: 'n', default: '4', choices: integerChoices(1, 8), description: 'number of terms n' }],
    resolve: (options) => fourierFormula(integerOption(options, 'n', 4, 1, 8)),
    sources: [P.khalfaoui2025], status: 'confirmed',
  },
  {
    id: 'chebyshev', name: 'Chebyshev learnable activation (SL²A)', aliases: ['SL2A', 'SL^{2}A', 'SL²A', 'ChebyKAN'], tier: 'B', family: 'polynomial', tags: ['learnable', 'orthogonal', 'inr'],
    ...seeded('chebyshev')({}),
    tex: String.raw`\sum_{k=0}^{K} c_k\, T_k\left(\tanh x\right)`,
    options: [
      { name: 'K', default: '8', choices: integerChoices(2, 64), description: 'degree K' },
      { name: 'init', default: 'tanh', choices: ['tanh', 'random'], description: 'tanh: c1 = 1, others 0 (f = tanh x); random: c_k ~ N(0, (1/(K+1))²)' },
    ],
    resolve: seeded('chebyshev'),
    sources: [P.heidari2024, P.ss2024], status: 'reconstruction',
    notes: ['Reconstruction: the input map t = tanh x is taken from ChebyKAN.', 'T_k(tanh x) is evaluated as cos(k·arccos(tanh x)), exactly, without expanding T_k.'],
  },
  {
    id: 'kaf', name: 'KAF hybrid GELU–Fourier activation', aliases: ['RFFActivation', 'KAF'], tier: 'B', family: 'periodic', tags: ['learnable', 'periodic', 'gelu'],
    ...seeded('kaf')({}),
    tex: String.raw`a\, x\, \Phi(x) + b \left(e_0 + \sum_{g=1}^{9} \left[u_g \cos\left(w_g x + \varphi_g\right) + v_g \sin\left(w_g x + \varphi_g\right)\right]\right)`,
    resolve: seeded('kaf'),
    sources: [P.zhang2025kaf], status: 'confirmed',
    notes: ['1-D instance of RFFActivation with G = 9 frequencies; random init from the seeded RNG.'],
  },
  {
    id: 'fourier-kan', name: 'Fourier-series learnable activation (FKAN)', aliases: ['FKAN', 'FourierKAN'], tier: 'B', family: 'periodic', tags: ['learnable', 'periodic', 'inr'],
    ...seeded('fourier-kan')({}),
    tex: String.raw`e_0 + \sum_{k=1}^{G} \left(a_k \cos kx + b_k \sin kx\right)`,
    options: [{ name: 'G', default: '5', choices: integerChoices(1, 32), description: 'number of frequencies G' }],
    resolve: seeded('fourier-kan'),
    sources: [P.mehrabian2024], status: 'confirmed',
    notes: ['2π-periodic: feed it inputs normalised to [−π, π]. Random init from the seeded RNG.'],
  },
  {
    id: 'tropical-rational', name: 'Tropical rational activation', aliases: ['tropical rational'], tier: 'B', family: 'tropical', tags: ['learnable', 'piecewise-linear'],
    ...seeded('tropical-rational')({}),
    tex: String.raw`\max_{k = 0, \dots, n} \left(p_k x + a_k\right) - \max_{k = 0, \dots, n} \left(q_k x + b_k\right)`,
    options: [
      { name: 'n', default: '4', choices: integerChoices(1, 8), description: 'degree n of both tropical polynomials' },
      {
        name: 'init', default: 'random', choices: ['random', 'fit'],
        description: 'random: p, a, q, b ~ N(0, 1); fit: Adam (lr 0.01) on the MSE to the target over [−n, n] until < 1e-4 or 40000 steps',
      },
      targetOption('init = fit'),
    ],
    resolve: seeded('tropical-rational'),
    sources: [P.khalfaoui2025], status: 'confirmed',
    notes: [
      'Ties take the smallest slope (left-hand rule). Random init N(0, 1) from the seeded RNG.',
      'Init fit: MSE to the target on 256 points over [−n, n], Adam lr 0.01 from the registry-seed draw; the same for every run seed.',
    ],
  },
  {
    id: 'pwl', name: 'Trainable matrix activation (piecewise linear)', aliases: ['trainable matrix activation', 'trainable matrix activation function', 'diagonal matrix activation'], tier: 'B', family: 'piecewise-linear', tags: ['learnable', 'piecewise-linear'],
    ...pwlFormula(false),
    options: [{ name: 'continuous', default: 'off', choices: ['off', 'on'], description: 'continuous variant with the same slopes and f(0) = 0' }],
    resolve: (options) => pwlFormula(choice(options, 'continuous', ['off', 'on'] as const, 'off') === 'on'),
    sources: [P.liu2021], status: 'reconstruction',
    notes: ['Reconstruction: layout and initial slopes. Breakpoints (−2, −1, 0, 1, 2) fixed; f = t_j·x jumps at s_j ≠ 0 (no gradient through the jump).'],
  },
  {
    id: 'series-gelu', name: 'Series-informed activation (PanGu-π)', aliases: ['series informed activation', 'series informed activation function'], tier: 'B', family: 'gaussian-gated', tags: ['learnable', 'gelu'],
    ...seriesGeluFormula(),
    tex: String.raw`\sum_{i=1}^{4} a_i \operatorname{GELU}\left(x + b_i\right)`,
    sources: [P.wang2023pangu], status: 'reconstruction',
    notes: ['Reconstruction: n = 4 terms with distinct shifts b = (−0.75, −0.25, 0.25, 0.75) to break the symmetry.'],
  },
];
