/**
 * The (σ_w², σ_b²) phase diagram of χ₁ and its χ₁ = 1 curve (the edge of chaos), on a grid the
 * caller chooses.
 */
import { edgeOfChaos, phaseAt, type SignalActivation } from './meanField';

export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

/** One row of the diagram: χ₁ at each σ_w² for this σ_b² (callers that stream rows use it alone). */
export function chi1Row(a: SignalActivation, sw2: readonly number[], sb2: number): number[] {
  return sw2.map((w) => phaseAt(a, { sw2: w, sb2 }).chi1);
}

/** σ_w² on the χ₁ = 1 curve at this σ_b², NaN where there is none up to σ_w = maxSigmaW. */
export function criticalSw2(a: SignalActivation, sb2: number, maxSigmaW = 8): number {
  const sw = edgeOfChaos(a, sb2, maxSigmaW);
  return sw === undefined ? NaN : sw * sw;
}
