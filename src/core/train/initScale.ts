/**
 * σ_w and σ_b of the mean-field init schemes (./init.ts) for one run, worked out from the run's
 * activation by section 1's theory (core/theory/meanField.ts): the registry's own float64 f and f′
 * at the run's starting parameter values, integrated by Gauss–Hermite quadrature split at kinks.
 *   'variance-preserving': σ_w = g with g²·E_z[f(z)²] = 1, σ_b = 0;
 *   'edge-of-chaos':       σ_w on the χ₁ = 1 curve at the configured σ_b (searched up to σ_w = 8);
 *   'gaussian':            σ_w, σ_b as configured.
 * Gated (two-variable) blocks have no one-variable f for the theory, so only 'gaussian' takes them.
 */
import { ConfigError } from '../configError';
import { compileActivation } from '../activation/compile';
import type { CompiledActivation } from '../activation/types';
import { customEntry, entryFor } from '../custom/compileCustom';
import { resolveEntry } from '../registry/index';
import { edgeOfChaos, signalActivation, varianceGain } from '../theory/meanField';
import type { ActivationSpec } from './activationSpec';
import { checkGaussianScale, isMeanFieldScheme, type GaussianScale, type InitScheme } from './init';

/** The init fields of a trainer's configuration. */
export interface InitSettings {
  init?: InitScheme;
  /** 'gaussian' only: weights N(0, σ_w²/fan_in); default 1. */
  initSigmaW?: number;
  /** 'gaussian' and 'edge-of-chaos': biases N(0, σ_b²); default 0. */
  initSigmaB?: number;
}

/** Largest σ_w the edge-of-chaos search looks at (the phase diagram's range). */
const EDGE_MAX_SIGMA_W = 8;

/** The spec's activation compiled from the registry entry or typed formula (as the resolver does). */
export function compiledForSpec(spec: ActivationSpec): CompiledActivation {
  const entry = spec.custom ? customEntry(spec.custom) : (entryFor(spec.id) ?? resolveEntry(spec.id));
  return compileActivation(entry, spec.options ?? {});
}

/**
 * The run's σ_w, σ_b, or undefined for the schemes that do not use them. `params`: the run's
 * starting activation parameter values (all of them). Throws a sentence when the theory has no
 * answer (a gated block, E_z[f(z)²] = 0, no χ₁ = 1 crossing up to σ_w = 8).
 */
export function initScaleFor(settings: InitSettings, spec: ActivationSpec, params: Record<string, number>): GaussianScale | undefined {
  const scheme = settings.init ?? 'he-normal';
  if (!isMeanFieldScheme(scheme)) return undefined;
  const sigmaB = settings.initSigmaB ?? 0;
  if (scheme === 'gaussian') return checkGaussianScale({ sigmaW: settings.initSigmaW ?? 1, sigmaB }, 'The gaussian init');
  checkGaussianScale({ sigmaW: 1, sigmaB }, `The ${scheme} init`);
  const compiled = compiledForSpec(spec);
  const name = compiled.entry.id;
  if (compiled.vars.length !== 1) throw new ConfigError(`The ${scheme} init needs a one-variable activation; "${name}" is a gated block (use gaussian)`);
  const a = signalActivation(compiled, params);
  if (scheme === 'variance-preserving') {
    const g = varianceGain(a);
    if (g === undefined) throw new ConfigError(`The variance-preserving init has no gain for "${name}": E_z[f(z)²] is 0 or not finite`);
    return { sigmaW: g, sigmaB: 0 };
  }
  const sw = edgeOfChaos(a, sigmaB * sigmaB, EDGE_MAX_SIGMA_W);
  if (sw === undefined) throw new ConfigError(`The edge-of-chaos init: "${name}" has no σ_w ≤ ${EDGE_MAX_SIGMA_W} with χ₁ = 1 at σ_b = ${sigmaB}`);
  return { sigmaW: sw, sigmaB };
}
