/**
 * The lenses of many runs gathered per activation: for every epoch and hidden layer, the mean and
 * sample standard deviation over the activation's seeds (0 with one seed) of each lens, as the
 * Compare page draws them (mean ± spread) and `compare --json` writes them.
 */
import { deadFraction, type LayerLens, type RunLenses } from './lenses';

/** One epoch of a run's history, as far as the lenses go. */
type EpochRecord = { epoch: number; lenses?: RunLenses };

export const LENS_KEYS = ['dead', 'sparsity', 'preMean', 'preStd', 'gradNorm'] as const;
export type LensKey = (typeof LENS_KEYS)[number];

interface LensBand {
  mean: number;
  std: number;
}

export interface ActivationLenses {
  label: string;
  /** Runs (seeds) that have lenses. */
  runs: number;
  /** Epochs at which every such run has lenses. */
  epochs: number[];
  /** layers[l][key][k]: lens `key` of hidden layer l at epochs[k]. */
  layers: Record<LensKey, LensBand[]>[];
  /** Fraction of all hidden units dead, at epochs[k]. */
  dead: LensBand[];
}

function band(values: number[]): LensBand {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, std: NaN };
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const std = finite.length > 1 ? Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (finite.length - 1)) : 0;
  return { mean, std };
}

/** Runs in any order; activations in order of first appearance. */
export function summarizeLenses(runs: { label: string; history: EpochRecord[] }[]): ActivationLenses[] {
  const byLabel = new Map<string, EpochRecord[][]>();
  for (const r of runs) {
    if (!r.history.some((h) => h.lenses)) continue;
    byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r.history]);
  }
  return [...byLabel].map(([label, histories]) => {
    const epochs = histories[0].filter((h) => h.lenses && histories.every((o) => o.find((x) => x.epoch === h.epoch)?.lenses)).map((h) => h.epoch);
    const at = (e: number) => histories.map((hist) => hist.find((x) => x.epoch === e)?.lenses as RunLenses);
    const nLayers = epochs.length ? at(epochs[0])[0].layers.length : 0;
    const layers = Array.from({ length: nLayers }, (_, l) =>
      Object.fromEntries(LENS_KEYS.map((key) => [key, epochs.map((e) => band(at(e).map((x) => (x.layers[l] as LayerLens)[key])))])) as Record<LensKey, LensBand[]>,
    );
    return { label, runs: histories.length, epochs, layers, dead: epochs.map((e) => band(at(e).map(deadFraction))) };
  });
}
