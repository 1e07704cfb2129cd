/**
 * Recently sampled curves, keyed by activation token and x range, so moving one slider
 * re-samples only the curve that changed. Bounded: oldest entries are dropped first.
 */
import type { SampledCurves, ScalarCurves } from './sampleCurves';
import { sampleCurves } from './sampleCurves';

const LIMIT = 48;
const cache = new Map<string, SampledCurves>();

export function cachedSamples(key: string, curves: ScalarCurves, xMin: number, xMax: number): SampledCurves {
  const fullKey = `${key}|${xMin}|${xMax}`;
  const hit = cache.get(fullKey);
  if (hit) {
    // Re-insert to mark as recently used (Map keeps insertion order).
    cache.delete(fullKey);
    cache.set(fullKey, hit);
    return hit;
  }
  const samples = sampleCurves(curves, xMin, xMax);
  cache.set(fullKey, samples);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return samples;
}
