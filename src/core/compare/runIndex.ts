/**
 * Where a run sits in a comparison: runComparison lays runs out activation-major (every seed of
 * the first activation, then the next), and every per-run array (histories, divergences,
 * predictions, parameters) follows that order.
 */
export function runIndex(activation: number, seed: number, seeds: number): number {
  return activation * seeds + seed;
}
