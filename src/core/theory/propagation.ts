/**
 * Everything signal propagation says about one activation at one initialisation (σ_w, σ_b), in
 * the shape the CLI's `propagate` and the Explore page's propagation panel both show.
 */
import { edgeOfChaos, phaseAt, qThroughDepth, varianceGain, type Phase, type SignalActivation } from './meanField';

export interface PropagationQuery {
  sigmaW: number;
  sigmaB: number;
  /** Layers to follow q_l through (q_1 is the first hidden layer's pre-activation variance). */
  depth: number;
  /** q_1; 1 for inputs standardised to unit variance. */
  q1?: number;
  /** How far to look for the critical σ_w (default 8). */
  maxSigmaW?: number;
}

export interface PropagationReport {
  sigmaW: number;
  sigmaB: number;
  /** q_1 … q_depth. */
  q: number[];
  /** q*: Infinity when the variance map diverges, 0 when it runs down to 0. */
  qStar: number;
  converged: boolean;
  chi1: number;
  /** ξ = 1 / |ln χ₁|, in layers (Infinity on the edge of chaos). */
  depthScale: number;
  phase: Phase['phase'];
  /** σ_w on the χ₁ = 1 curve at this σ_b (undefined when there is none up to maxSigmaW). */
  criticalSigmaW: number | undefined;
  /** g with g² E_z[f(z)²] = 1: the variance-preserving weight gain. */
  varianceGain: number | undefined;
}

export const MAX_PROPAGATION_DEPTH = 1000;

export function propagationReport(a: SignalActivation, query: PropagationQuery): PropagationReport {
  const { sigmaW, sigmaB, depth } = query;
  const init = { sw2: sigmaW * sigmaW, sb2: sigmaB * sigmaB };
  const phase = phaseAt(a, init);
  return {
    sigmaW,
    sigmaB,
    q: qThroughDepth(a, init, depth, query.q1 ?? 1),
    qStar: phase.fixedPoint.q,
    converged: phase.fixedPoint.converged,
    chi1: phase.chi1,
    depthScale: phase.depthScale,
    phase: phase.phase,
    criticalSigmaW: edgeOfChaos(a, init.sb2, query.maxSigmaW),
    varianceGain: varianceGain(a),
  };
}
