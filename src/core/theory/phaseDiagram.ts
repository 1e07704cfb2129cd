/**
 * The (σ_w², σ_b²) phase diagram of χ₁ and its χ₁ = 1 curve (the edge of chaos), on a grid the
 * caller chooses.
 */
import { edgeOfChaos, phaseAt, type SignalActivation } from './meanField';

export interface PhaseDiagram {
  sw2: number[];
  sb2: number[];
  /** chi1[j][i] at (sw2[i], sb2[j]). */
  chi1: number[][];
  /** For each sb2[j], σ_w² on the χ₁ = 1 curve (NaN where there is none up to σ_w = maxSigmaW). */
  criticalSw2: number[];
}

export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

export function phaseDiagram(a: SignalActivation, sw2: number[], sb2: number[], maxSigmaW = 8): PhaseDiagram {
  const chi1 = sb2.map((b) => sw2.map((w) => phaseAt(a, { sw2: w, sb2: b }).chi1));
  const criticalSw2 = sb2.map((b) => {
    const sw = edgeOfChaos(a, b, maxSigmaW);
    return sw === undefined ? NaN : sw * sw;
  });
  return { sw2, sb2, chi1, criticalSw2 };
}
