/**
 * Mean-field signal propagation at initialisation (Poole et al. 2016, arXiv 1606.05340;
 * Schoenholz et al. 2017, arXiv 1611.01232) for a deep fully connected net with weights
 * N(0, σ_w²/fan-in) and biases N(0, σ_b²):
 *   q_{l+1} = σ_w² E_z[f(√q_l z)²] + σ_b²,   χ₁ = σ_w² E_z[f′(√q* z)²],   ξ = 1 / |ln χ₁|.
 * Everything is computed from the activation's own float64 f and f′ (the training derivative,
 * kink rule included), with integrals split at the kinks its expression tree has.
 */
import type { CompiledActivation } from '../activation/types';
import { gaussianExpectation } from './gaussianExpectation';
import { kinkLocations } from './kinks';

/** An activation as signal propagation sees it: f, f′ and where they switch branch. */
export interface SignalActivation {
  f(x: number): number;
  df(x: number): number;
  kinks: readonly number[];
}

export function signalActivation(compiled: CompiledActivation, params: Record<string, number> = {}): SignalActivation {
  const s = compiled.scalar(params);
  return { f: s.f, df: s.df, kinks: kinkLocations(compiled, params) };
}

export interface Init {
  /** σ_w²: weight variance times fan-in. */
  sw2: number;
  /** σ_b²: bias variance. */
  sb2: number;
}

/** E_z[f(√q z)²]. */
export function secondMoment(a: SignalActivation, q: number): number {
  return gaussianExpectation((x) => {
    const y = a.f(x);
    return y * y;
  }, q, a.kinks);
}

/** E_z[f′(√q z)²]. */
export function slopeMoment(a: SignalActivation, q: number): number {
  return gaussianExpectation((x) => {
    const d = a.df(x);
    return d * d;
  }, q, a.kinks);
}

/** One layer of the variance map. */
function nextQ(a: SignalActivation, init: Init, q: number): number {
  return init.sw2 * secondMoment(a, q) + init.sb2;
}

/** q_1 … q_depth, starting from the first layer's pre-activation variance q_1. */
export function qThroughDepth(a: SignalActivation, init: Init, depth: number, q1 = 1): number[] {
  const out = [q1];
  for (let l = 1; l < depth; l++) {
    const q = out[l - 1];
    out.push(Number.isFinite(q) ? nextQ(a, init, q) : q);
  }
  return out;
}

/** Above this q the map is taken to diverge (q* = ∞); below Q_VANISHED, to have reached q* = 0. */
const Q_DIVERGED = 1e8;
const Q_VANISHED = 1e-30;

export interface FixedPoint {
  /** q*: Infinity when the map diverges, 0 when it runs down to 0 (σ_b = 0, ordered). */
  q: number;
  converged: boolean;
  /** Evaluations of the map. */
  iterations: number;
  /** The last q reached: χ₁ is evaluated there, which is its limit when q* is 0 or ∞. */
  qLast: number;
}

/**
 * q* by iterating the map from q = 1 until |Δq| ≤ 1e−11·q. Every third step tries Steffensen's
 * extrapolation (linear convergence near the edge of chaos is slow) and keeps it only when it
 * lands on positive q with a smaller residual, so the iteration still finds the stable point.
 */
export function fixedPoint(a: SignalActivation, init: Init, maxIterations = 600): FixedPoint {
  const F = (q: number) => nextQ(a, init, q);
  let q = 1;
  let evals = 0;
  const done = (next: number): FixedPoint | undefined => {
    if (!Number.isFinite(next) || next > Q_DIVERGED) return { q: Infinity, converged: true, iterations: evals, qLast: q };
    if (next < Q_VANISHED) return { q: 0, converged: true, iterations: evals, qLast: next };
    if (Math.abs(next - q) <= 1e-11 * next) return { q: next, converged: true, iterations: evals, qLast: next };
    return undefined;
  };
  while (evals < maxIterations) {
    const q1 = F(q);
    evals++;
    const end1 = done(q1);
    if (end1) return end1;
    const q2 = F(q1);
    evals++;
    const prev = q;
    q = q1;
    const end2 = done(q2);
    if (end2) return end2;
    q = q2;
    const denom = q2 - 2 * q1 + prev;
    const jump = denom !== 0 ? prev - ((q1 - prev) * (q1 - prev)) / denom : NaN;
    if (jump > 0 && Number.isFinite(jump) && jump < Q_DIVERGED) {
      const fj = F(jump);
      evals++;
      if (Math.abs(fj - jump) < Math.abs(q2 - q1)) {
        q = jump;
        const end3 = done(fj);
        if (end3) return end3;
        q = fj;
      }
    }
  }
  return { q, converged: false, iterations: evals, qLast: q };
}

export interface Phase {
  fixedPoint: FixedPoint;
  chi1: number;
  /** 1 / |ln χ₁|: the depth over which inputs' correlations relax (∞ at the edge of chaos). */
  depthScale: number;
  phase: 'ordered' | 'critical' | 'chaotic';
}

function depthScale(chi1: number): number {
  return 1 / Math.abs(Math.log(chi1));
}

export function phaseAt(a: SignalActivation, init: Init): Phase {
  const fp = fixedPoint(a, init);
  const chi1 = init.sw2 * slopeMoment(a, fp.qLast);
  const phase = Math.abs(chi1 - 1) < 1e-9 ? 'critical' : chi1 < 1 ? 'ordered' : 'chaotic';
  return { fixedPoint: fp, chi1, depthScale: depthScale(chi1), phase };
}

/**
 * The variance-preserving gain: g with g²·E_z[f(z)²] = 1, so weights N(0, g²/fan-in) keep unit
 * pre-activations at unit variance (the role torch.nn.init.calculate_gain plays for a few
 * built-ins). √2 for ReLU, 1 for SELU; undefined when E_z[f(z)²] is 0 or not finite.
 */
export function varianceGain(a: SignalActivation): number | undefined {
  const m = secondMoment(a, 1);
  return m > 0 && Number.isFinite(m) ? 1 / Math.sqrt(m) : undefined;
}

/** A point of the χ₁ = 1 curve, found from its fixed point q* (no iteration needed). */
interface CriticalPoint {
  q: number;
  sw2: number;
  sb2: number;
}

/**
 * The edge of chaos parametrised by q* (Poole et al.): χ₁ = 1 at q* needs σ_w² = 1/E[f′(√q* z)²],
 * and q* being fixed then needs σ_b² = q* − σ_w² E[f(√q* z)²]. Points with σ_b² < 0 are dropped.
 */
function criticalPointAt(a: SignalActivation, q: number): CriticalPoint | undefined {
  const slope = slopeMoment(a, q);
  if (!(slope > 0) || !Number.isFinite(slope)) return undefined;
  const sw2 = 1 / slope;
  const sb2 = q - sw2 * secondMoment(a, q);
  return Number.isFinite(sb2) && sb2 >= -1e-12 * q ? { q, sw2, sb2: Math.max(sb2, 0) } : undefined;
}

/**
 * σ_w on the χ₁ = 1 curve at this σ_b², or undefined when none up to maxSigmaW. First along the
 * q*-parametrised curve (q* on a log grid 1e−8…1e4, then bisection in q*); where that curve does
 * not reach σ_b² — positively homogeneous f such as ReLU, whose q* is infinite at the edge when
 * σ_b > 0 — χ₁(σ_w) itself is scanned for its first crossing of 1 and bisected.
 */
export function edgeOfChaos(a: SignalActivation, sb2: number, maxSigmaW = 8): number | undefined {
  const fromCurve = edgeAlongCurve(a, sb2);
  if (fromCurve !== undefined && fromCurve <= maxSigmaW * maxSigmaW) return Math.sqrt(fromCurve);
  return edgeByScan(a, sb2, maxSigmaW);
}

function edgeAlongCurve(a: SignalActivation, sb2: number): number | undefined {
  const tol = 1e-12 + 1e-10 * sb2;
  let prev: CriticalPoint | undefined;
  for (let k = 0; k <= 96; k++) {
    const q = Math.pow(10, -8 + k / 8);
    const p = criticalPointAt(a, q);
    if (p && Math.abs(p.sb2 - sb2) <= tol) return p.sw2;
    if (p && prev && (prev.sb2 - sb2) * (p.sb2 - sb2) < 0) {
      let lo = prev.q;
      let hi = q;
      let best = p;
      for (let it = 0; it < 100 && hi / lo > 1 + 1e-13; it++) {
        const mid = Math.sqrt(lo * hi);
        const m = criticalPointAt(a, mid);
        if (!m) return undefined;
        best = m;
        if ((m.sb2 - sb2) * (prev.sb2 - sb2) > 0) lo = mid;
        else hi = mid;
      }
      return best.sw2;
    }
    prev = p;
  }
  return undefined;
}

function edgeByScan(a: SignalActivation, sb2: number, maxSigmaW: number): number | undefined {
  const chiMinus1 = (sw: number) => phaseAt(a, { sw2: sw * sw, sb2 }).chi1 - 1;
  let lo = 1 / 8;
  if (!(chiMinus1(lo) < 0)) return undefined;
  for (let sw = lo + 1 / 8; sw <= maxSigmaW + 1e-12; sw += 1 / 8) {
    if (chiMinus1(sw) >= 0) {
      let hi = sw;
      while (hi - lo > 1e-10) {
        const mid = 0.5 * (lo + hi);
        if (chiMinus1(mid) < 0) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    }
    lo = sw;
  }
  return undefined;
}
