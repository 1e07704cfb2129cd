/**
 * Per-run initial parameter values for entries whose init is random (kaf, fourier-kan,
 * tropical-rational, chebyshev `random`, apa/aglu `readme`/`resnet`). The registry's defaults
 * are one such draw with REGISTRY_INIT_SEED; a training run calls this with its own seed so
 * that every run (and every seed in a comparison) gets its own, reproducible init.
 */
import type { ActivationEntry } from './types';
import { SEEDED_FAMILIES } from './entries/tierB';
import { initRng } from './registryRng';

/** Draws for apa/aglu (R4 of the spec); λ is clamped to its range [1e-4, 10] as in training. */
function apaInit(init: string, seed: number, id: string): Record<string, number> | undefined {
  if (init === 'unit') return undefined;
  const rng = initRng(id, seed);
  const lambda = Math.max(1e-4, rng.uniform(0, 1));
  if (init === 'readme') return { lambda, kappa: rng.uniform(0, 1) };
  if (init === 'resnet') return { lambda, kappa: rng.uniform(-1, 0) };
  throw new Error(`Option "init" of ${id} must be unit, readme or resnet; got "${init}"`);
}

/**
 * Initial values of every parameter of `entry` under `options` for a run with `seed`.
 * Deterministic entries return their defaults.
 */
export function drawInitialParams(entry: ActivationEntry, options: Record<string, string>, seed: number): Record<string, number> {
  const withDefaults = { ...Object.fromEntries((entry.options ?? []).map((o) => [o.name, o.default])), ...options };
  const seeded = SEEDED_FAMILIES[entry.id];
  if (seeded) return Object.fromEntries(seeded(withDefaults, seed).params.map((p) => [p.name, p.default]));
  const params = entry.resolve && Object.keys(options).length ? entry.resolve(withDefaults).params ?? entry.params : entry.params;
  const values = Object.fromEntries(params.map((p) => [p.name, p.default]));
  if (entry.id === 'apa' || entry.id === 'aglu') Object.assign(values, apaInit(withDefaults.init ?? 'unit', seed, entry.id) ?? {});
  return values;
}
