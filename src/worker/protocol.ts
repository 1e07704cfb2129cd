/**
 * The one message set between the pages and the training worker (src/worker/trainWorker.ts).
 * Both sides import these types, so a renamed field fails to compile on both ends.
 *
 * Everything here is structured-cloneable; large arrays (grid predictions, hidden-unit maps,
 * dataset points) travel as Float32Arrays whose buffers are transferred, not copied.
 */
import type { ComparisonResult } from '../core/compare/runComparison';
import type { EpochRecord, Target } from '../core/compare/summary';
import type { HistoryDifference } from '../core/runfile/retrain';
import type { RunSensitivity } from '../core/runfile/sensitivity';
import type { ActivationSpec } from '../core/train/activationSpec';
import type { BackendTiming } from '../core/train/backend';
import type { BackendPreference } from '../core/train/choices';
import type { RunLenses } from '../core/train/lenses';
import type { TrainingConfig } from '../core/train/trainingConfig';
import type { Divergence, RunMetrics } from '../core/train/trainer';
import type { CpuEngineReport } from '../core/wasm/wasmEngine';

/**
 * The shared training settings (core/train/trainingConfig.ts) with the runs, as the page sends
 * them: the worker supplies the resolver; the page always says init, optimiser, L2, batch size.
 */
export type TrainSetup = Omit<TrainingConfig, 'epochs'> & Required<Pick<TrainingConfig, 'init' | 'optimizer' | 'l2' | 'batchSize'>> & {
  runs: { activation: ActivationSpec; seed: number }[];
};

/** What the page wants drawn, and how often (the loop reads results back only this often). */
export interface ViewSpec {
  /** Grid side for decision-boundary predictions (2-D sets) or number of x samples (1-D sets). */
  gridSize: number;
  /** Grid side for the per-unit heatmaps (2-D) or samples per unit curve (1-D); 0 = none. */
  unitGridSize: number;
  /** Which run's hidden units are sent (the trainer page has one run: 0). */
  unitRun: number;
  /** Minimum milliseconds between progress messages while running. */
  progressEveryMs: number;
  /** Minimum milliseconds between grid / hidden-unit / parameter messages while running. */
  drawEveryMs: number;
}

/**
 * A comparison, run by core/compare/runComparison: activations × seeds, activation-major
 * (run k·S + j is activation k with seed j), the order of every per-run array sent back.
 */
export type CompareSetup = Omit<TrainSetup, 'runs'> & {
  activations: ActivationSpec[];
  seeds: number[];
  epochs: number;
  /** For epochsToTarget in the summary; default: runComparison's (test accuracy 0.95, none for regression). */
  target?: Target;
  /** Decision boundaries of one run per activation are sent at the end (and while running). */
  view: ViewSpec;
};

// ── page → worker ────────────────────────────────────────────────────────────────────────────
export type ToWorker =
  /**
   * Chooses the backend. For 'auto', `network` is the page's network, timed on each candidate
   * unless `timings` (the page's cache, by device) already holds this device's measurements.
   */
  | { type: 'init'; backendPreference: BackendPreference; network?: TrainSetup; timings?: ReadonlyMap<string, BackendTiming[]> }
  /** Builds a fresh trainer (disposing the old one); training stays paused. */
  | { type: 'configure'; setup: TrainSetup; view: ViewSpec }
  | { type: 'start' }
  | { type: 'pause' }
  /** Runs `steps` optimisation steps, then reports everything. */
  | { type: 'step'; steps: number }
  /** Same setup, same seeds: the identical initial weights again. */
  | { type: 'reset' }
  /** Same setup with new seeds (initial weights and batch order; the dataset keeps its seed). */
  | { type: 'newSeed'; seeds: number[] }
  /** Optimisation steps per loop turn between checks for messages (1…1000). */
  | { type: 'setSpeed'; stepsPerTick: number }
  | { type: 'compareStart'; setup: CompareSetup }
  | { type: 'compareCancel' }
  /** The Trainer page's run (or the last comparison) as run-file JSON, answered by 'runFileText'. */
  | { type: 'exportRun'; purpose: RunFilePurpose }
  | { type: 'exportComparison' }
  /** Retrains run `run` of a run/comparison file's text from its stored state; `id` tags the replies. */
  | { type: 'retrain'; id: number; text: string; run: number };

/** What the page does with an exported file: save it, or turn it into a PyTorch script. */
export type RunFilePurpose = 'download' | 'pytorch';

// ── worker → page ────────────────────────────────────────────────────────────────────────────
export interface BackendInfo {
  /** The tf.js backend in use: webgpu, webgl, wasm or cpu. */
  name: string;
  /** Why this one: e.g. "webgpu unavailable: no adapter". */
  reason: string;
  tried: { name: string; error?: string }[];
  /** Measured 'auto': the device key and its timings (the page caches them), and whether they came from that cache. */
  device?: string;
  timings?: BackendTiming[];
  fromCache?: boolean;
  /** On the cpu backend: whether the CPU kernels run on WebAssembly SIMD, or in JS and why (also said in `reason`). */
  cpuEngine?: CpuEngineReport;
}

export interface DatasetPoints {
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  dim: number;
  classes: number;
  train: { x: Float32Array; y: Float32Array };
  test: { x: Float32Array; y: Float32Array };
  /** Drawing extent of the inputs, [min, max] on every axis (square for 2-D sets). */
  extent: [number, number];
}

interface Timing {
  /** Mean wall-clock ms per epoch over the epochs run since the last start/step/configure. */
  msPerEpoch: number | null;
  stepsPerSecond: number | null;
}

export type FromWorker =
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'configured'; dataset: DatasetPoints; stepsPerEpoch: number; batchSize: number; runs: number }
  | { type: 'running'; running: boolean }
  | { type: 'progress'; epoch: number; step: number; metrics: RunMetrics[]; timing: Timing }
  /**
   * One batched grid prediction per run: n points × outputDim, row-major; the grid spans
   * `extent` on every axis (gridSize² points for 2-D sets, row y-major; gridSize for 1-D).
   */
  | { type: 'grid'; step: number; gridSize: number; extent: [number, number]; outputDim: number; runs: number[]; values: Float32Array[] }
  /** Per hidden layer, per unit: values on the unit grid (unitGridSize² or unitGridSize). */
  | { type: 'hidden'; step: number; run: number; gridSize: number; layers: { layer: number; width: number; units: Float32Array[] }[] }
  /** Per run, per hidden layer: the activation's parameter values now. */
  | { type: 'activationParams'; step: number; params: Record<string, number>[][] }
  /**
   * Task views (digits, periodic, high-frequency sets): one run's predictions at the task's probe
   * points (core/tasks/taskProbe.ts), n × outputDim, and for digits its first layer's weights.
   */
  | { type: 'taskView'; step: number; run: number; predictions: Float32Array; firstLayer: { fanIn: number; fanOut: number; W: Float32Array } | null }
  /** Compare on a task set: every run's predictions at the task's probe points (runs activation-major). */
  | { type: 'compareTaskView'; step: number; predictions: Float32Array[] }
  | { type: 'diverged'; run: number; divergence: Divergence }
  /** Per run: the per-layer lenses (core/train/lenses.ts) measured from the weights after `epoch`. */
  | { type: 'lenses'; epoch: number; runs: (RunLenses | null)[] }
  | { type: 'compareProgress'; epoch: number; epochs: number; step: number; metrics: RunMetrics[]; elapsedMs: number }
  /**
   * The comparison ended (complete or cancelled): runComparison's own result, the one the session
   * keeps for "Download runs", so the page exports what the worker holds instead of rebuilding it.
   */
  | { type: 'compareDone'; elapsedMs: number; result: ComparisonResult }
  | { type: 'error'; message: string }
  /** For 'pytorch': with the run's measured 1-ulp sensitivity, so the script states the bound that holds for it. */
  | { type: 'runFileText'; kind: 'run' | 'comparison'; purpose: RunFilePurpose; text: string; sensitivity?: RunSensitivity }
  | { type: 'retrainProgress'; id: number; record: EpochRecord }
  | { type: 'retrainDone'; id: number; history: EpochRecord[]; difference: HistoryDifference; backend: string; diverged: Divergence | null; sensitivity: RunSensitivity }
  /** A run file could not be saved, read or retrained (RunFileError messages name the JSON path). */
  | { type: 'runFileError'; id: number | null; message: string };

/** Buffers in a message that can be transferred instead of copied. */
export function transferables(msg: FromWorker): Transferable[] {
  switch (msg.type) {
    case 'grid':
      return msg.values.map((v) => v.buffer as ArrayBuffer);
    case 'hidden':
      return msg.layers.flatMap((l) => l.units.map((u) => u.buffer as ArrayBuffer));
    case 'taskView':
      return [msg.predictions.buffer as ArrayBuffer, ...(msg.firstLayer ? [msg.firstLayer.W.buffer as ArrayBuffer] : [])];
    case 'compareTaskView':
      return msg.predictions.map((v) => v.buffer as ArrayBuffer);
    case 'configured': {
      const d = msg.dataset;
      return [d.train.x, d.train.y, d.test.x, d.test.y].map((a) => a.buffer as ArrayBuffer);
    }
    default:
      return [];
  }
}
