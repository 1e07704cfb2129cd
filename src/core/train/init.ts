/**
 * Initial weights, drawn in JS from the seeded RNG rather than tf.random: for one seed every
 * activation (and every tf.js backend) starts from IDENTICAL weights, so a comparison measures
 * the activation, not the luck of the draw. Biases start at 0.
 *
 * Variances: He 2/fan_in, Glorot 2/(fan_in + fan_out), LeCun 1/fan_in. `-normal` draws from
 * N(0, var) (not truncated), `-uniform` from U(−√(3·var), √(3·var)), which has the same variance.
 * 'siren' is SIREN's scheme for sine networks (Sitzmann et al. 2020): first layer
 * U(−1/n, 1/n), later layers U(−√(6/n)/ω0, √(6/n)/ω0), n = fan_in.
 *
 * The mean-field schemes draw every layer's weights from N(0, σ_w²/fan_in) and its biases from
 * N(0, σ_b²) (Poole et al. 2016): 'gaussian' with σ_w, σ_b given; 'variance-preserving' with
 * σ_w = g, the activation's gain (g²·E_z[f(z)²] = 1), and σ_b = 0; 'edge-of-chaos' with σ_w on
 * the activation's χ₁ = 1 curve at the given σ_b. The last two depend on the activation, so the
 * trainer works out each run's σ_w (./initScale.ts) and passes it here; the standard-normal draws
 * underneath depend on the seed alone, so two activations of one seed differ only by that scale.
 */
import { createRng, type Rng } from '../data/rng';
import { layerWidths, type Architecture } from './architecture';

export const INIT_SCHEMES = [
  'he-normal', 'he-uniform', 'glorot-normal', 'glorot-uniform', 'lecun-normal', 'lecun-uniform', 'siren',
  'variance-preserving', 'edge-of-chaos', 'gaussian',
] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** Schemes drawing W ~ N(0, σ_w²/fan_in), b ~ N(0, σ_b²). */
const MEAN_FIELD_SCHEMES = ['variance-preserving', 'edge-of-chaos', 'gaussian'] as const;
export type MeanFieldScheme = (typeof MEAN_FIELD_SCHEMES)[number];

export function isMeanFieldScheme(scheme: string): scheme is MeanFieldScheme {
  return (MEAN_FIELD_SCHEMES as readonly string[]).includes(scheme);
}

/** Which of σ_w, σ_b a scheme takes from the configuration (the rest it works out or fixes). */
export function schemeTakes(scheme: InitScheme): { sigmaW: boolean; sigmaB: boolean } {
  return { sigmaW: scheme === 'gaussian', sigmaB: scheme === 'gaussian' || scheme === 'edge-of-chaos' };
}

/** σ_w and σ_b of a mean-field scheme, resolved for one run. */
export interface GaussianScale {
  sigmaW: number;
  sigmaB: number;
}

/** Variance of one weight. `layer` (0 = first) and omega0 matter only for 'siren'. */
function initVariance(scheme: InitScheme, fanIn: number, fanOut: number, layer = 0, omega0 = 30, scale?: GaussianScale): number {
  if (isMeanFieldScheme(scheme)) {
    if (!scale) throw new Error(`The ${scheme} init needs σ_w and σ_b`);
    return (scale.sigmaW * scale.sigmaW) / fanIn;
  }
  if (scheme === 'siren') {
    const limit = layer === 0 ? 1 / fanIn : Math.sqrt(6 / fanIn) / omega0;
    return (limit * limit) / 3;
  }
  if (scheme.startsWith('he')) return 2 / fanIn;
  if (scheme.startsWith('glorot')) return 2 / (fanIn + fanOut);
  return 1 / fanIn;
}

export function checkInitScheme(scheme: string): InitScheme {
  if (!(INIT_SCHEMES as readonly string[]).includes(scheme)) {
    throw new Error(`Unknown init scheme "${scheme}"; choose one of: ${INIT_SCHEMES.join(', ')}`);
  }
  return scheme as InitScheme;
}

/** One dense layer: W is fanIn × fanOut row-major. Gated hidden layers also carry V and c. */
export interface LayerWeights {
  fanIn: number;
  fanOut: number;
  W: Float32Array;
  b: Float32Array;
  V?: Float32Array;
  c?: Float32Array;
}

function draw(rng: Rng, scheme: InitScheme, fanIn: number, fanOut: number, layer: number, omega0: number, scale?: GaussianScale): Float32Array {
  const out = new Float32Array(fanIn * fanOut);
  const variance = initVariance(scheme, fanIn, fanOut, layer, omega0, scale);
  if (scheme.endsWith('uniform') || scheme === 'siren') {
    const limit = Math.sqrt(3 * variance);
    for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
  } else {
    const std = Math.sqrt(variance);
    for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, std);
  }
  return out;
}

function drawBias(rng: Rng, n: number, scale: GaussianScale | undefined): Float32Array {
  const out = new Float32Array(n);
  if (scale) for (let i = 0; i < n; i++) out[i] = rng.normal(0, 1) * scale.sigmaB;
  return out;
}

/** Throws unless σ_w > 0 and σ_b ≥ 0 are finite (what a mean-field scheme needs). */
export function checkGaussianScale(scale: GaussianScale, what = 'init'): GaussianScale {
  if (!(Number.isFinite(scale.sigmaW) && scale.sigmaW > 0)) throw new Error(`${what}: σ_w must be a positive number, got ${scale.sigmaW}`);
  if (!(Number.isFinite(scale.sigmaB) && scale.sigmaB >= 0)) throw new Error(`${what}: σ_b must be a number ≥ 0, got ${scale.sigmaB}`);
  return scale;
}

/**
 * All layers of one run. The stream depends only on the seed, so two runs with the same seed and
 * architecture get the same arrays whatever their activation (mean-field schemes: up to the scale
 * σ_w, σ_b). Gated networks draw W then V per hidden layer from the same stream; mean-field
 * schemes then draw the biases (b, then c) from it too.
 */
export function initWeights(arch: Architecture, scheme: InitScheme, seed: number, omega0 = 30, scale?: GaussianScale): LayerWeights[] {
  if (!(Number.isFinite(omega0) && omega0 > 0)) throw new Error(`SIREN ω0 must be a positive number, got ${omega0}`);
  const gaussian = isMeanFieldScheme(scheme) ? checkGaussianScale(scale ?? { sigmaW: NaN, sigmaB: NaN }, `The ${scheme} init`) : undefined;
  const rng = createRng(seed).fork('init');
  const widths = layerWidths(arch);
  const layers: LayerWeights[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l];
    const fanOut = widths[l + 1];
    const isHidden = l + 1 < widths.length - 1;
    const layer: LayerWeights = { fanIn, fanOut, W: draw(rng, scheme, fanIn, fanOut, l, omega0, gaussian), b: new Float32Array(fanOut) };
    if (arch.gated && isHidden) layer.V = draw(rng, scheme, fanIn, fanOut, l, omega0, gaussian);
    layer.b = drawBias(rng, fanOut, gaussian);
    if (arch.gated && isHidden) layer.c = drawBias(rng, fanOut, gaussian);
    layers.push(layer);
  }
  return layers;
}

/**
 * A run's starting point given explicitly instead of drawn from the seed: a run file's stored
 * weights (possibly hand-edited) and per-layer activation parameter values.
 */
export interface InitialState {
  /** Every layer, shaped for the architecture (V, c on gated hidden layers only). */
  layers: LayerWeights[];
  /** Per hidden layer: every activation parameter's value. */
  activationParams: Record<string, number>[];
}

/**
 * Throws a message naming the first field of `state` that does not fit the architecture (given
 * as layer widths) or the activation's parameter names; `label` says whose state it is.
 */
export function checkInitialState(state: InitialState, widths: number[], gated: boolean, paramNames: string[], label: string): void {
  const nLayers = widths.length - 1;
  if (!Array.isArray(state.layers) || state.layers.length !== nLayers) {
    throw new Error(`${label}: expected ${nLayers} layers of weights, got ${Array.isArray(state.layers) ? state.layers.length : 'none'}`);
  }
  const sized = (a: unknown, n: number, what: string): void => {
    if (!(a instanceof Float32Array) || a.length !== n) {
      throw new Error(`${label}: ${what} needs ${n} values (Float32Array), got ${a instanceof Float32Array ? a.length : typeof a}`);
    }
  };
  state.layers.forEach((layer, l) => {
    const [fanIn, fanOut] = [widths[l], widths[l + 1]];
    sized(layer.W, fanIn * fanOut, `layer ${l + 1} W (${fanIn} × ${fanOut})`);
    sized(layer.b, fanOut, `layer ${l + 1} b`);
    const gatedHidden = gated && l < nLayers - 1;
    if (gatedHidden) {
      sized(layer.V, fanIn * fanOut, `layer ${l + 1} V (${fanIn} × ${fanOut})`);
      sized(layer.c, fanOut, `layer ${l + 1} c`);
    } else if (layer.V !== undefined || layer.c !== undefined) {
      throw new Error(`${label}: layer ${l + 1} has V/c, but only gated hidden layers have them`);
    }
  });
  if (!Array.isArray(state.activationParams) || state.activationParams.length !== nLayers - 1) {
    throw new Error(`${label}: expected activation parameters for ${nLayers - 1} hidden layers`);
  }
  state.activationParams.forEach((rec, l) => {
    for (const name of paramNames) {
      if (!Number.isFinite(rec[name])) throw new Error(`${label}: hidden layer ${l + 1} needs a finite value for parameter ${name}, got ${rec[name]}`);
    }
    for (const name of Object.keys(rec)) {
      if (!paramNames.includes(name)) throw new Error(`${label}: hidden layer ${l + 1} has an unknown parameter "${name}"`);
    }
  });
}
