/**
 * Tier A of ACTIVATIONS.md: pointwise closed-form activations. Each formula is written so that
 * (a) its exact symbolic derivative, with the left-hand kink rule, is the spec's f′ column, and
 * (b) it evaluates without overflow/NaN in float64 and float32 (see "Numerics (Tier A)").
 * Steps are written `x > c ? … : …` so a tie at c takes the left branch's derivative.
 * Entries composed from other Tier A entries (mono-*, stochastic-silu-relu) are in ./composite.ts.
 */
import type { ActivationEntry, FormulaSet, ParamSpec } from '../types';
import { PAPERS as P } from '../papers';
import { fixed, learnable, optionallyLearnable } from '../paramSpec';
import { integerChoices, integerOption } from '../formulaText';

// SELU's self-normalising constants (Klambauer et al.), rounded to double precision from the
// spec's λ = 1.0507009873554804934193349852946, α = 1.6732632423543772848170429916717.
const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
/** √(2/π), the constant of the tanh approximation of GELU. */
const SQRT_2_OVER_PI = 0.7978845608028654;

export const TIER_A: ActivationEntry[] = [
  {
    id: 'relu', name: 'ReLU', aliases: ['RELU', 'rectified linear unit'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'sparse'],
    formula: 'max(0, x)', params: [],
    sources: [P.nairHinton2010, P.agarap2018], status: 'standard',
  },
  {
    id: 'leaky-relu', name: 'Leaky ReLU', aliases: ['LeakyReLU', 'LReLU'], tier: 'A', family: 'relu', tags: ['piecewise-linear'],
    formula: 'x > 0 ? x : a * x',
    params: [fixed('a', 0.01, 0, 0.5, { description: 'negative slope' })],
    sources: [P.maas2013], status: 'standard',
  },
  {
    id: 'prelu', name: 'PReLU', aliases: ['Parametric ReLU', 'channel-wise PReLU'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'learnable'],
    formula: 'max(0, x) + a * min(0, x)',
    params: [learnable('a', 0.25, -1.5, 1.5, { description: 'negative slope, trained (one per layer here; per channel in the paper)' })],
    sources: [P.he2015, P.pinto2024], status: 'standard',
  },
  {
    id: 'elu', name: 'ELU', aliases: ['exponential linear unit'], tier: 'A', family: 'exponential-linear', tags: [],
    formula: 'x > 0 ? x : alpha * expm1(x)',
    params: [fixed('alpha', 1, 0.1, 3)],
    sources: [P.clevert2015], status: 'standard',
  },
  {
    id: 'selu', name: 'SELU', aliases: ['scaled exponential linear unit'], tier: 'A', family: 'exponential-linear', tags: ['self-normalizing'],
    formula: 'x > 0 ? lambda * x : lambda * alpha * expm1(x)',
    params: [
      fixed('lambda', SELU_LAMBDA, 0.5, 2, { description: 'fixed self-normalising constant λ (range only for exploration)' }),
      fixed('alpha', SELU_ALPHA, 0.5, 3, { description: 'fixed self-normalising constant α (range only for exploration)' }),
    ],
    sources: [P.klambauer2017], status: 'standard',
    notes: ['λ and α are the fixed self-normalising constants; λα = 1.7580993408473768599.'],
  },
  {
    id: 'celu', name: 'CELU', aliases: ['continuously differentiable ELU'], tier: 'A', family: 'exponential-linear', tags: [],
    formula: 'max(0, x) + min(0, alpha * expm1(x / alpha))',
    params: [fixed('alpha', 1, 0.1, 3)],
    sources: [P.barron2017], status: 'standard',
  },
  {
    id: 'gelu', name: 'GELU', aliases: ['GeLU', 'gelu-erf', 'Gaussian error linear unit'], tier: 'A', family: 'gaussian-gated', tags: ['gated', 'smooth'],
    formula: 'x * Phi(x)', params: [],
    sources: [P.hendrycks2016], status: 'confirmed',
  },
  {
    id: 'gelu-tanh', name: 'GELU (tanh approximation)', aliases: ['gelu_new', 'approximate gelu'], tier: 'A', family: 'gaussian-gated', tags: ['gated', 'smooth', 'approximation'],
    formula: `0.5 * x * (1 + tanh(${SQRT_2_OVER_PI} * (x + 0.044715 * x^3)))`, params: [],
    tex: String.raw`\tfrac{1}{2} x \left(1 + \tanh\left(\sqrt{2/\pi}\,\left(x + 0.044715\, x^{3}\right)\right)\right)`,
    sources: [P.hendrycks2016], status: 'confirmed',
  },
  {
    id: 'gelu-sigmoid', name: 'GELU (sigmoid approximation)', aliases: ['quick gelu', 'quickgelu'], tier: 'A', family: 'gaussian-gated', tags: ['gated', 'smooth', 'approximation'],
    formula: 'x * sigmoid(1.702 * x)', params: [],
    sources: [P.hendrycks2016], status: 'confirmed',
  },
  {
    id: 'silu', name: 'SiLU', aliases: ['SILU', 'swish-1', 'sigmoid linear unit'], tier: 'A', family: 'sigmoid-gated', tags: ['gated', 'smooth'],
    formula: 'x * sigmoid(x)', params: [],
    sources: [P.elfwing2017], status: 'standard',
  },
  {
    id: 'swish', name: 'Swish', aliases: [], tier: 'A', family: 'sigmoid-gated', tags: ['gated', 'smooth'],
    formula: 'x * sigmoid(beta * x)',
    params: [optionallyLearnable('beta', 1, 0.1, 10)],
    sources: [P.ramachandran2017], status: 'confirmed',
  },
  {
    id: 'mish', name: 'Mish', aliases: [], tier: 'A', family: 'softplus-gated', tags: ['gated', 'smooth'],
    // softplus is the stable sp; tanh(sp(x)) rounds to 1 for x ≳ 20, so f = x and f′ = 1 there.
    formula: 'x * tanh(softplus(x))', params: [],
    tex: String.raw`x \tanh\left(\ln\left(1 + e^{x}\right)\right)`,
    sources: [P.misra2019], status: 'confirmed',
  },
  {
    id: 'softplus', name: 'Softplus', aliases: ['SmoothReLU'], tier: 'A', family: 'softplus', tags: ['smooth'],
    formula: 'softplus(beta * x) / beta',
    tex: String.raw`\frac{1}{\beta} \ln\left(1 + e^{\beta x}\right)`,
    params: [fixed('beta', 1, 0.1, 10)],
    sources: [P.dugas2001], status: 'standard',
  },
  {
    id: 'sigmoid', name: 'Sigmoid', aliases: ['Logistic Sigmoid', 'logistic'], tier: 'A', family: 'sigmoid', tags: ['bounded', 'smooth'],
    formula: 'sigmoid(x)', params: [],
    sources: [], status: 'standard', notes: ['Textbook definition.'],
  },
  {
    id: 'tanh', name: 'Tanh', aliases: ['hyperbolic tangent'], tier: 'A', family: 'sigmoid', tags: ['bounded', 'smooth'],
    formula: 'tanh(x)', params: [],
    sources: [], status: 'standard', notes: ['Textbook definition.'],
  },
  {
    id: 'relu6', name: 'ReLU6', aliases: [], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'clipped'],
    formula: 'min(max(0, x), 6)', params: [],
    sources: [P.krizhevsky2010, P.sandler2018], status: 'standard',
  },
  {
    id: 'hardtanh', name: 'HardTanh', aliases: ['hard tanh', 'saturated ReLU'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'clipped', 'bounded'],
    formula: 'min(max(x, lo), hi)',
    params: [fixed('lo', -1, -5, 5), fixed('hi', 1, -5, 5)],
    sources: [P.collobert2004, P.runje2023], status: 'standard',
    notes: ['Requires lo < hi.'],
  },
  {
    id: 'hardsigmoid', name: 'Hard sigmoid', aliases: ['hard-sigmoid'], tier: 'A', family: 'sigmoid', tags: ['piecewise-linear', 'bounded'],
    formula: 'min(max(x / 6 + 0.5, 0), 1)', params: [],
    sources: [P.howard2019], status: 'standard',
  },
  {
    id: 'hardswish', name: 'Hard Swish', aliases: ['h-swish', 'hard-swish'], tier: 'A', family: 'sigmoid-gated', tags: ['gated'],
    formula: 'x * min(max(x + 3, 0), 6) / 6', params: [],
    sources: [P.howard2019], status: 'standard',
  },
  {
    id: 'softsign', name: 'Softsign', aliases: [], tier: 'A', family: 'sigmoid', tags: ['bounded'],
    formula: 'x / (1 + abs(x))', params: [],
    sources: [P.bergstra2009], status: 'standard',
  },
  {
    id: 'logsigmoid', name: 'LogSigmoid', aliases: ['log-sigmoid'], tier: 'A', family: 'softplus', tags: ['smooth'],
    formula: 'logsigmoid(x)', params: [],
    tex: String.raw`\ln \sigma\left(x\right) = -\ln\left(1 + e^{-x}\right)`,
    sources: [], status: 'standard', notes: ['Textbook definition: ln σ(x) = −sp(−x).'],
  },
  {
    id: 'sign', name: 'Sign activation', aliases: ['sgn', 'binary'], tier: 'A', family: 'step', tags: ['binary', 'discontinuous'],
    formula: 'sign(x)',
    // The true derivative is 0 everywhere, so training uses the `ste` clipped surrogate by default.
    surrogate: 'step(x + 1) - step(x - 1)',
    params: [],
    sources: [P.shevchenko2023], status: 'standard',
    notes: ['f′ = 0; training uses the straight-through surrogate 1[−1 < x ≤ 1] (entry `ste`).'],
  },
  {
    id: 'linear', name: 'Linear (identity) activation', aliases: ['identity', 'none'], tier: 'A', family: 'polynomial', tags: [],
    formula: 'x', params: [],
    sources: [], status: 'standard', notes: ['Textbook definition.'],
  },
  {
    id: 'quadratic', name: 'Quadratic activation', aliases: ['square'], tier: 'A', family: 'polynomial', tags: [],
    formula: 'x^2', params: [],
    sources: [P.maillard2024], status: 'standard',
  },
  {
    id: 'power', name: 'Power activation (LP)', aliases: ['LP', 'power activation'], tier: 'A', family: 'polynomial', tags: [],
    // k is an option, not a parameter: a constant integer exponent compiles to repeated
    // multiplication (exact sign for x < 0 on every backend; GPU pow() is NaN for x < 0), and
    // f″ = k(k−1)x^(k−2) folds to 0 for k = 1 instead of 0·∞ at x = 0.
    formula: 'x^3',
    params: [],
    options: [{ name: 'k', default: '3', choices: integerChoices(1, 8), description: 'integer exponent k' }],
    resolve: (options) => ({ formula: `x^${integerOption(options, 'k', 3, 1, 8)}`, params: [] }),
    sources: [P.wang2023set], status: 'standard',
    notes: ['k = 3† integer in [1, 8]. |x|^k overflows float32 beyond 3.4e38; plots clip.'],
  },
  {
    id: 'exponential', name: 'Exponential activation (LE)', aliases: ['LE', 'exponential activation'], tier: 'A', family: 'exponential', tags: [],
    formula: 'exp(x)', params: [],
    sources: [P.wang2023set], status: 'standard',
    notes: ['e^x overflows float32 for x > 88.72.'],
  },
  {
    id: 'sine', name: 'Sinusoidal activation (SIREN)', aliases: ['sin', 'SIREN', 'periodic', 'periodic activation', 'sinusoidal'], tier: 'A', family: 'periodic', tags: ['inr', 'periodic'],
    formula: 'sin(omega0 * x)',
    params: [fixed('omega0', 1, 0.1, 60, { description: 'frequency ω0 (playground default 1; SIREN uses 30)' })],
    sources: [P.sitzmann2020], status: 'confirmed',
    notes: ['SIREN init: first layer W ~ U(−1/n, 1/n), later layers U(−√(6/n)/ω0, √(6/n)/ω0), n = fan-in.'],
    presets: [{ name: 'SIREN (ω0 = 30)', params: { omega0: 30 } }],
  },
  {
    id: 'snake', name: 'Snake', aliases: ['x + sin^2(x)'], tier: 'A', family: 'periodic', tags: ['periodic'],
    formula: 'x + sin(a * x)^2 / a',
    params: [optionallyLearnable('a', 1, 0.05, 20, { description: 'frequency; keep a ≥ 1e-3 (f divides by a)' })],
    sources: [P.ziyin2020], status: 'confirmed',
  },
  {
    id: 'gaussian', name: 'Gaussian activation (Gaussian INR)', aliases: ['Gaussian INR', 'Gaussian activation'], tier: 'A', family: 'radial', tags: ['inr', 'bounded'],
    formula: 'exp(-x^2 / (2 * s^2))',
    params: [fixed('s', 1, 0.02, 5, { description: 'width (playground default 1; INR work uses s well below 1)' })],
    sources: [P.koneputugodage2025, P.ramasinghe2022], status: 'standard',
    presets: [{ name: 'Gaussian INR (s = 0.1)', params: { s: 0.1 } }],
  },
  {
    id: 'gabor', name: 'Real Gabor wavelet (WIRE)', aliases: ['WIRE', 'wavelet', 'complex wavelet', 'Gabor wavelet'], tier: 'A', family: 'periodic', tags: ['inr', 'wavelet'],
    formula: 'exp(-(s0 * x)^2) * cos(omega0 * x)',
    params: [
      fixed('omega0', 5, 0.1, 40, { description: 'frequency ω0 (playground default 5; WIRE uses 10)' }),
      fixed('s0', 1, 0.05, 50, { description: 'inverse width s0 (playground default 1; WIRE uses 40)' }),
    ],
    sources: [P.saragadam2023, P.roddenberry2024], status: 'confirmed',
    notes: ['Real part of WIRE’s complex Gabor wavelet e^(jω0x)·e^(−(s0x)²).'],
    presets: [{ name: 'WIRE (ω0 = 10, s0 = 40)', params: { omega0: 10, s0: 40 } }],
  },
  {
    id: 'gcu', name: 'GCU', aliases: ['Growing Cosine Unit'], tier: 'A', family: 'periodic', tags: ['oscillatory'],
    formula: 'x * cos(x)', params: [],
    sources: [P.noel2021], status: 'confirmed',
  },
  {
    id: 'golu', name: 'GoLU', aliases: ['Gompertz Linear Unit'], tier: 'A', family: 'gompertz-gated', tags: ['gated', 'smooth'],
    // Clamp t = −γx at 30 before exponentiating: the gate exp(−β·e^30) is already 0, and without
    // the clamp e^t = ∞ for x ≲ −88/γ in float32 and 0·∞ = NaN in f and f′.
    formula: 'alpha * x * exp(-beta * exp(min(-gamma * x, 30)))',
    math: {
      formula: 'alpha * x * exp(-beta * exp(-gamma * x))',
      guard: 'Computed with −γx clamped at 30 before the inner exponential (the gate is already 0 there), so that float32 never meets 0 · ∞.',
    },
    tex: String.raw`\alpha x\, e^{-\beta e^{-\gamma x}}`,
    params: [
      optionallyLearnable('alpha', 1, 0.1, 5),
      optionallyLearnable('beta', 1, 0.1, 5),
      optionallyLearnable('gamma', 1, 0.1, 5),
    ],
    sources: [P.das2025], status: 'confirmed',
  },
  {
    id: 'crrelu', name: 'CRReLU', aliases: ['Correction Regularized ReLU'], tier: 'A', family: 'relu', tags: ['learnable'],
    formula: 'max(0, x) + eps * x * exp(-x^2 / 2)',
    params: [learnable('eps', 0.01, -1, 1)],
    sources: [P.sun2024], status: 'confirmed',
  },
  {
    id: 'xatlu', name: 'xATLU', aliases: ['Expanded ArcTan Linear Unit'], tier: 'A', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: 'x * ((atan(x) / pi + 0.5) * (1 + 2 * alpha) - alpha)',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'xgelu', name: 'xGELU', aliases: ['Expanded GELU'], tier: 'A', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: 'x * (Phi(x) * (1 + 2 * alpha) - alpha)',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'xsilu', name: 'xSiLU', aliases: ['Expanded SiLU'], tier: 'A', family: 'expanded-gating', tags: ['gated', 'learnable'],
    formula: 'x * (sigmoid(x) * (1 + 2 * alpha) - alpha)',
    params: [learnable('alpha', 0, -0.4, 2)],
    sources: [P.huang2024], status: 'confirmed',
  },
  {
    id: 'elephant', name: 'Elephant activation function', aliases: ['elephant'], tier: 'A', family: 'radial', tags: ['bounded', 'sparse'],
    // f = σ(−d·ln(|x|/a)) never forms |x/a|^d (∞/∞ for large |x|). At x = 0 the log is −∞ and
    // f′ would be 0·∞, so |x| < 1e-30 (still a normal float32) gets its own branch: value 1
    // (to 1e-30), written so its derivative is the left-hand limit of f′ (1/a if d = 1, else 0).
    // Not `x == 0`: the kink rule decides a tie as just left of it, where x == 0 is false.
    formula: 'abs(x) < 1e-30 ? 1 + (d == 1 ? x / a : 0) : sigmoid(-d * log(abs(x) / a))',
    tex: String.raw`\frac{1}{1 + \left|\frac{x}{a}\right|^{d}}`,
    params: [optionallyLearnable('a', 1, 0.1, 5), optionallyLearnable('d', 4, 1, 16)],
    sources: [P.lan2023], status: 'confirmed',
  },
  {
    id: 'dyt', name: 'DyT', aliases: ['Dynamic Tanh'], tier: 'A', family: 'sigmoid', tags: ['learnable', 'normalization-free'],
    formula: 'gamma * tanh(alpha * x) + beta',
    params: [
      learnable('alpha', 0.5, 0.01, 5),
      learnable('gamma', 1, -3, 3, { description: 'scale (per channel in the paper; per layer here)' }),
      learnable('beta', 0, -3, 3, { description: 'shift (per channel in the paper; per layer here)' }),
    ],
    sources: [P.zhu2025, P.owen2025], status: 'confirmed',
  },
  {
    id: 'sau', name: 'SAU', aliases: ['Smooth Activation Unit'], tier: 'A', family: 'relu', tags: ['smooth', 'learnable'],
    // Exact convolution αx + (1−α)·E[ReLU(x + sZ)]. Beyond |x| > 10s the Gaussian terms are
    // below 1e-23 of the Leaky ReLU value, so the Leaky ReLU is used there (no x/s overflow).
    formula: 'abs(x) > 10 * s ? (x > 0 ? x : alpha * x) : alpha * x + (1 - alpha) * (x * Phi(x / s) + s * phi(x / s))',
    tex: String.raw`\alpha x + (1 - \alpha)\left[x\, \Phi\left(\frac{x}{s}\right) + s\, \varphi\left(\frac{x}{s}\right)\right]`,
    params: [
      learnable('alpha', 0.15, 0, 1),
      fixed('s', 5e-5, 5e-5, 2, { scale: 'log', description: 'smoothing width s = 1/n (n = 20000 in the paper)' }),
    ],
    sources: [P.biswas2021], status: 'confirmed',
    notes: [
      'At the default s = 5×10⁻⁵ the curve cannot be told apart from LeakyReLU(0.15); widen s to see the smoothing.',
      'Uses the exact (1−α) convolution; the official module omits that factor (differs by < 1e-4 at the default s).',
    ],
  },
  {
    id: 'relu2', name: 'ReLU²', aliases: ['Squared ReLU', 'relu squared', 'ReLU^2'], tier: 'A', family: 'relu', tags: ['sparse'],
    formula: 'max(0, x)^2', params: [],
    sources: [P.zhang2024relu2, P.so2021], status: 'confirmed',
  },
  {
    id: 'shifted-relu', name: 'Shifted ReLU', aliases: ['ReLU_tau'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'sparse'],
    formula: 'max(0, x - tau)',
    params: [fixed('tau', 1, 0, 3)],
    sources: [P.price2024], status: 'confirmed',
  },
  {
    id: 'soft-threshold', name: 'Soft thresholding', aliases: ['ST_tau', 'shrinkage'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'sparse'],
    // Written piecewise rather than sgn(x)·max(|x|−τ, 0): same values, and the left-hand rule
    // then gives f′ = 1[x ≤ −τ] + 1[x > τ] even at τ = 0.
    formula: 'x > tau ? x - tau : x > -tau ? 0 : x + tau',
    params: [fixed('tau', 1, 0, 3)],
    sources: [P.price2024], status: 'confirmed',
  },
  {
    id: 'clipped-relu', name: 'Clipped shifted ReLU (CReLU_τ,m)', aliases: ['CReLU_tau_m'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'clipped', 'sparse'],
    formula: 'min(max(x - tau, 0), m)',
    params: [fixed('tau', 1, 0, 3), fixed('m', 1, 0.1, 6)],
    sources: [P.price2024], status: 'confirmed',
    notes: ['Magnitude-clipped shifted ReLU, not the concatenated ReLU.'],
  },
  {
    id: 'clipped-soft-threshold', name: 'Clipped soft thresholding (CST_τ,m)', aliases: ['CST_tau_m'], tier: 'A', family: 'relu', tags: ['piecewise-linear', 'clipped', 'sparse'],
    formula: 'x > tau ? min(x - tau, m) : x > -tau ? 0 : max(x + tau, -m)',
    params: [fixed('tau', 1, 0, 3), fixed('m', 1, 0.1, 6)],
    sources: [P.price2024], status: 'reconstruction',
    notes: ['Reconstruction: the paper names CST_τ,m but the form was not confirmed.'],
  },
  {
    id: 'cauchy', name: 'Cauchy activation function', aliases: ['XNet'], tier: 'A', family: 'rational', tags: ['learnable', 'bounded'],
    formula: '(lambda1 * x + lambda2) / (x^2 + d^2)',
    params: [learnable('lambda1', 1, -5, 5), learnable('lambda2', 1, -5, 5), learnable('d', 1, 0.001, 5, { description: 'keep |d| ≥ 1e-3 (pole at x = 0 when d = 0)' })],
    sources: [P.li2024cauchy], status: 'confirmed',
    notes: ['Follows the official code (λ2/(x²+d²)); some summaries print λ2·x²/(x²+d²), which does not decay.'],
  },
  {
    id: 'tempered-sigmoid', name: 'Tempered sigmoid', aliases: [], tier: 'A', family: 'sigmoid', tags: ['bounded', 'privacy'],
    formula: 's * sigmoid(T * x) - o',
    params: [fixed('s', 2, 0.1, 5, { description: 'scale' }), fixed('T', 2, 0.1, 10, { description: 'inverse temperature' }), fixed('o', 1, -2, 2, { description: 'offset' })],
    sources: [P.papernot2021], status: 'confirmed',
    notes: ['The defaults (2, 2, 1) give tanh; (1, 1, 0) gives the sigmoid.'],
    presets: [{ name: 'sigmoid (s=1, T=1, o=0)', params: { s: 1, T: 1, o: 0 } }],
  },
  apaEntry('apa'),
  apaEntry('aglu'),
  {
    id: 'proact', name: 'ProAct hybrid clipped ReLU', aliases: ['HyReLU', 'ProAct', 'hybrid clipped activation function'], tier: 'A', family: 'relu', tags: ['clipped', 'learnable'],
    formula: 'max(0, x * sigmoid(-k * (x - T)))',
    params: [
      learnable('T', 3, 0.1, 20, { description: 'clipping threshold (the paper initialises it from recorded activation maxima)' }),
      fixed('k', 20, 1, 50, { description: 'steepness (fixed in the paper)' }),
    ],
    sources: [P.mousavi2024], status: 'confirmed',
  },
  {
    id: 'elu-plus-one', name: 'elu+1 feature map', aliases: ['elu1', 'elu + 1'], tier: 'A', family: 'exponential-linear', tags: ['linear-attention', 'positive'],
    formula: '(x > 0 ? x : expm1(x)) + 1', params: [],
    sources: [P.katharopoulos2020], status: 'standard',
  },
  {
    id: 'poly2', name: 'Learnable quadratic', aliases: ['alias-free polynomial activation'], tier: 'A', family: 'polynomial', tags: ['learnable', 'polynomial'],
    formula: 'c0 + c1 * x + c2 * x^2',
    params: [learnable('c0', 0.0169394634313126, -5, 5), learnable('c1', 0.5, -5, 5), learnable('c2', 0.3078363963999393, -5, 5)],
    sources: [P.michaeli2023], status: 'confirmed',
  },
  tropicalEntry(),
  {
    id: 'mittag-leffler', name: 'Mittag-Leffler unified gated activation', aliases: ['Mittag-Leffler', 'ML activation'], tier: 'A', family: 'unified-gated', tags: ['gated', 'special-function'],
    // g = 1/(1 + E_{α,β}(−x)). For x < −20 the spec sets f = f′ = 0 (error < 1e-6 for α ≥ 0.5);
    // there E(−x) is astronomically large and the quotient rule would form ∞/∞.
    formula: 'x < -20 ? 0 : x / (1 + mlE(-x, alpha, beta))',
    tex: String.raw`\frac{x}{1 + E_{\alpha,\beta}\left(-x\right)},\quad E_{\alpha,\beta}(z) = \sum_{k \ge 0} \frac{z^{k}}{\Gamma(\alpha k + \beta)}`,
    params: [fixed('alpha', 1, 0.5, 1), fixed('beta', 1, 1, 2)],
    sources: [P.mostafanejad2023], status: 'reconstruction',
    notes: [
      'Reconstruction: the gate form is ours. α = β = 1 gives SiLU; the paper trains α and β, here they are fixed.',
      'Evaluated on the CPU in float64 whenever α or β changes; tf.js interpolates a table on [−20, 20].',
    ],
  },
];

/** apa (the gate) and aglu (x·gate) share parameters, init options and numerics. */
function apaEntry(id: 'apa' | 'aglu'): ActivationEntry {
  // APA = (λe^(−κx) + 1)^(−1/λ) = exp(−sp(ln λ − κx)/λ): no overflow for large |κx|.
  const gate = 'exp(-softplus(log(lambda) - kappa * x) / lambda)';
  const params = [
    learnable('lambda', 1, 1e-4, 10, { scale: 'log', description: 'clamped to [1e-4, 10] after every update' }),
    learnable('kappa', 1, -3.5, 3.5, { description: 'clamped to [−3.5, 3.5] after every update' }),
  ];
  return {
    id,
    name: id === 'apa' ? 'APA' : 'AGLU',
    aliases: id === 'apa' ? ['Adaptive Parametric Activation'] : ['Adaptive Generalised Linear Unit', 'Adaptive Generalized Linear Unit'],
    tier: 'A', family: 'sigmoid-gated', tags: id === 'apa' ? ['learnable', 'bounded'] : ['learnable', 'gated'],
    formula: id === 'apa' ? gate : `x * ${gate}`,
    // The paper's form; the formula's softplus rewrite is only there to avoid overflow.
    tex: (id === 'apa' ? '' : 'x ') + String.raw`\left(\lambda e^{-\kappa x} + 1\right)^{-1/\lambda}`,
    params,
    options: [{ name: 'init', default: 'unit', choices: ['unit', 'readme', 'resnet'], description: 'initial λ, κ: unit (λ = κ = 1), readme (both ~ U(0, 1)), resnet (λ ~ U(0, 1), κ ~ U(−1, 0)); draws use the run seed' }],
    sources: [P.alexandridis2024], status: 'confirmed',
    notes: [
      id === 'apa' ? 'λ = κ = 1 gives the sigmoid.' : 'λ = κ = 1 gives SiLU; λ → 0 gives x·exp(−e^(−κx)) (GoLU at κ = 1).',
      'The random inits (readme, resnet) are drawn per run by drawInitialParams(entry, options, seed).',
    ],
  };
}

/** (√2/n)·max_k(k·x + c_k), k = 0..n; n is an option because it changes the parameter count. */
function tropicalEntry(): ActivationEntry {
  return {
    id: 'tropical', name: 'Tropical polynomial activation', aliases: ['tropical polynomial', 'tropical activation'], tier: 'A', family: 'tropical', tags: ['learnable', 'piecewise-linear', 'convex'],
    ...tropicalFormula(4),
    // Written with the option n so it stays right for every degree.
    tex: String.raw`\frac{\sqrt{2}}{n} \max_{k = 0, \dots, n} \left(k x + c_k\right)`,
    options: [{ name: 'n', default: '4', choices: integerChoices(1, 16), description: 'degree n (n + 1 linear pieces)' }],
    resolve: (options) => tropicalFormula(integerOption(options, 'n', 4, 1, 16)),
    sources: [P.khalfaoui2025], status: 'confirmed',
    notes: ['At init (all c_k = 1) f = √2·ReLU(x) + √2/n. Ties take the smallest slope (left-hand rule).'],
  };
}

function tropicalFormula(n: number): FormulaSet & { params: ParamSpec[] } {
  const pieces = Array.from({ length: n + 1 }, (_, k) => (k === 0 ? 'c0' : `${k} * x + c${k}`));
  // max needs two arguments; n ≥ 1 gives at least two pieces.
  return {
    formula: `sqrt(2) / ${n} * max(${pieces.join(', ')})`,
    params: Array.from({ length: n + 1 }, (_, k) => learnable(`c${k}`, 1, -5, 5)),
  };
}
