/**
 * A run's own sensitivity: how far a one-ulp change of its start moves its trajectory.
 * The run is retrained on the current backend from its initial state with every weight and bias (not
 * the activation parameters) moved to the next float32 up (a deterministic nudge), and the fresh loss and
 * accuracy curves are compared epoch by epoch with the recorded ones. A reproduction that differs
 * from the recording only by float32 rounding (another library, another summation order) cannot be
 * expected to agree better than this: the run amplifies a 1e-7 difference this much by itself.
 */
import type { RunFileEpoch, RunFileState } from './schema';

/** Loss agreement that counts as "reproducible" (relative). */
const REPRODUCIBLE_TOLERANCE = 1e-4;
/** A one-ulp nudge that moves the loss by more than this (relative) makes the run chaotic from there. */
export const CHAOTIC_THRESHOLD = 1e-2;

interface EpochSensitivity {
  epoch: number;
  /** |nudged − recorded| / max(|recorded|, 1e-12), largest of train and test loss at this epoch. */
  loss: number;
  /** The same, largest over epochs 0..epoch (the curve's agreement "through" this epoch). */
  lossThrough: number;
  /** |nudged − recorded| of train/test accuracy, largest over epochs 0..epoch (null: regression). */
  accuracyThrough: number | null;
}

export interface RunSensitivity {
  backend: string;
  epochs: EpochSensitivity[];
  /** Last epoch through which the nudged run stays within REPRODUCIBLE_TOLERANCE (−1: not even epoch 0). */
  reproducibleThrough: number;
  /** First epoch at which the nudge moves the loss by more than CHAOTIC_THRESHOLD, or null. */
  chaoticFrom: number | null;
  /** Largest relative loss change over the whole run. */
  maxLoss: number;
  /** Largest accuracy change over the whole run (null: regression). */
  maxAccuracy: number | null;
  /**
   * The run retrained unnudged on a second engine whose rounding differs at every step (tf.js
   * wasm's float32 XNNPACK against the cpu backend's kernels): the 1-ulp nudge perturbs only the
   * start, and deep nets under Adam amplify per-step rounding far more (a 32-layer SELU run:
   * nudge 3.6e-7 at epoch 1, PyTorch 1.9e-4, wasm 1.9e-3). Absent when not measured.
   */
  engines?: EngineSpread;
}

/** How far a second engine's retrain moves from the recording, epoch by epoch. */
export interface EngineSpread {
  backend: string;
  /** Relative loss difference, largest over epochs 0..e. */
  lossThrough: number[];
  maxLoss: number;
  /** First epoch at which the two engines part by more than CHAOTIC_THRESHOLD, or null. */
  partFrom: number | null;
}

/** The second engine's trajectory against the recorded one. Pure. */
export function engineSpreadOf(recorded: RunFileEpoch[], other: RunFileEpoch[], backend: string): EngineSpread {
  const s = sensitivityOf(recorded, other, backend);
  return { backend, lossThrough: s.epochs.map((e) => e.lossThrough), maxLoss: s.maxLoss, partFrom: s.chaoticFrom };
}

/** The sensitivity with a second engine's spread: chaotic from where either measurement says so. */
export function withEngineSpread(s: RunSensitivity, engines: EngineSpread): RunSensitivity {
  const from = [s.chaoticFrom, engines.partFrom].filter((e): e is number => e !== null);
  const apart = engines.lossThrough.findIndex((v) => v > REPRODUCIBLE_TOLERANCE);
  const reproducibleThrough = apart === -1 ? s.reproducibleThrough : Math.min(s.reproducibleThrough, apart - 1);
  return { ...s, engines, reproducibleThrough, chaoticFrom: from.length ? Math.min(...from) : null };
}

/** The next float32 above v (toward +∞); exact through the float32 bit pattern. */
export function nextFloat32Up(v: number): number {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer);
  if (!Number.isFinite(f[0])) return f[0];
  if (f[0] === 0) u[0] = 1; // ±0 → smallest positive subnormal
  else if (f[0] > 0) u[0] += 1;
  else u[0] -= 1;
  return f[0];
}

const up = (xs: number[]): number[] => xs.map(nextFloat32Up);

/** The initial state with every weight and bias moved one float32 ulp up. */
export function nudgedState(s: RunFileState): RunFileState {
  return {
    layers: s.layers.map((l) => ({ W: l.W.map(up), b: up(l.b), ...(l.V && l.c ? { V: l.V.map(up), c: up(l.c) } : {}) })),
    // Activation parameters stay: some are fixed shape constants, and some sit on their clamp bounds.
    activationParams: s.activationParams.map((rec) => ({ ...rec })),
    learnable: [...s.learnable],
  };
}

const relative = (a: number | null, b: number | null): number => {
  if (a === null && b === null) return 0;
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(Math.fround(b) - Math.fround(a)) / Math.max(Math.abs(Math.fround(a)), 1e-12);
};

const absolute = (a: number | null, b: number | null): number | null => {
  if (a === null && b === null) return null;
  if (a === null || b === null) return Infinity;
  return Math.abs(Math.fround(b) - Math.fround(a));
};

/** Compares a nudged trajectory with the recorded one (pure: the measurement without the training). */
export function sensitivityOf(recorded: RunFileEpoch[], nudged: RunFileEpoch[], backend: string): RunSensitivity {
  const epochs: EpochSensitivity[] = [];
  let lossThrough = 0;
  let accThrough: number | null = null;
  for (let e = 0; e < Math.min(recorded.length, nudged.length); e++) {
    const [r, n] = [recorded[e], nudged[e]];
    const loss = Math.max(relative(r.trainLoss, n.trainLoss), relative(r.testLoss, n.testLoss));
    lossThrough = Math.max(lossThrough, loss);
    for (const d of [absolute(r.trainAcc, n.trainAcc), absolute(r.testAcc, n.testAcc)]) {
      if (d !== null) accThrough = Math.max(accThrough ?? 0, d);
    }
    epochs.push({ epoch: r.epoch, loss, lossThrough, accuracyThrough: accThrough });
  }
  const firstOver = (t: number): number => epochs.findIndex((x) => x.loss > t);
  const notReproducible = firstOver(REPRODUCIBLE_TOLERANCE);
  const chaotic = firstOver(CHAOTIC_THRESHOLD);
  return {
    backend,
    epochs,
    reproducibleThrough: notReproducible === -1 ? epochs.length - 1 : notReproducible - 1,
    chaoticFrom: chaotic === -1 ? null : epochs[chaotic].epoch,
    maxLoss: lossThrough,
    maxAccuracy: accThrough,
  };
}

/** The run's sensitivity in one sentence, for the page, the CLI and the script. */
export function sensitivityText(s: RunSensitivity): string {
  const g = (v: number): string => (Number.isFinite(v) ? v.toPrecision(2) : 'not finite');
  const engines = s.engines ? ` Retrained on ${s.engines.backend} (another engine's rounding at every step), it moves by up to ${g(s.engines.maxLoss)}${s.engines.partFrom !== null ? `, parting by over ${CHAOTIC_THRESHOLD} from epoch ${s.engines.partFrom}` : ''}.` : '';
  return nudgeText(s, g) + engines;
}

function nudgeText(s: RunSensitivity, g: (v: number) => string): string {
  const last = s.epochs.length - 1;
  const acc = s.maxAccuracy === null ? '' : s.maxAccuracy === 0 ? ', accuracy not at all' : `, accuracy by up to ${g(s.maxAccuracy)}`;
  if (s.chaoticFrom !== null) {
    const at = s.epochs[s.chaoticFrom];
    if (at.loss <= CHAOTIC_THRESHOLD && s.engines) {
      return `This run is chaotic from epoch ${s.chaoticFrom}: a second engine's rounding moves its loss by ${g(s.engines.lossThrough[s.chaoticFrom])} (relative) by that epoch; a one-ulp nudge of the initial weights moves it by up to ${g(s.maxLoss)} over the run${acc}; it is reproducible to ~1e-4 through epoch ${s.reproducibleThrough}.`;
    }
    return `This run is chaotic from epoch ${s.chaoticFrom}: moving every initial weight by one float32 ulp moves its loss by ${g(at.loss)} (relative) at that epoch and by up to ${g(s.maxLoss)} over the run${acc}; it is reproducible to ~1e-4 through epoch ${s.reproducibleThrough}.`;
  }
  if (s.reproducibleThrough < last) {
    return `This run is sensitive from epoch ${s.reproducibleThrough + 1}: a one-ulp nudge of the initial weights moves its loss by up to ${g(s.maxLoss)} (relative)${acc}; it is reproducible to ~1e-4 through epoch ${s.reproducibleThrough}.`;
  }
  return `This run is stable: a one-ulp nudge of the initial weights moves its loss by at most ${g(s.maxLoss)} (relative) over all ${last} epochs${acc}.`;
}
