/**
 * What the Train page shows of its one training run: the latest of everything the worker sent,
 * reduced from its messages by one pure function. The page only draws this. Pure.
 */
import type { Divergence, RunMetrics } from '../../core/train/trainer';
import type { DatasetPoints, FromWorker } from '../../worker/protocol';
import type { GridImage } from '../experiment/canvasPaint';
import { addLenses, EMPTY_LENS_HISTORY, type LensHistory } from '../experiment/lensHistory';
import type { HistoryPoint } from '../experiment/trainFigures';
import type { TaskViewData } from '../tasks/TaskView';
import type { UnitLayer } from './UnitMaps';

/** History points kept for the chart; older ones are thinned to every other point. */
export const MAX_HISTORY = 1500;

export interface TrainLive {
  /** Whether the worker is training now (it says so; a new worker trains nothing). */
  running: boolean;
  dataset: DatasetPoints | null;
  stepsPerEpoch: number;
  epoch: number;
  step: number;
  metrics: RunMetrics | null;
  msPerEpoch: number | null;
  history: HistoryPoint[];
  image: GridImage | null;
  units: { gridSize: number; layers: UnitLayer[] } | null;
  learned: Record<string, number>[] | null;
  diverged: Divergence | null;
  /** Task sets (digits, periodic, high-frequency): the net at the task's probe points. */
  task: TaskViewData | null;
  lenses: LensHistory;
  /** The worker's last error, until the next configure (or the person dismisses it). */
  error: string | null;
}

export const EMPTY_LIVE: TrainLive = {
  running: false,
  dataset: null,
  stepsPerEpoch: 0,
  epoch: 0,
  step: 0,
  metrics: null,
  msPerEpoch: null,
  history: [],
  image: null,
  units: null,
  learned: null,
  diverged: null,
  task: null,
  lenses: EMPTY_LENS_HISTORY,
  error: null,
};

/** Every other point once over MAX_HISTORY, always keeping the newest. */
export function thin(history: HistoryPoint[]): HistoryPoint[] {
  return history.length <= MAX_HISTORY ? history : history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
}

/** The page's view after one worker message; messages that do not concern it leave it as it is. */
export function reduceTrainLive(l: TrainLive, msg: FromWorker): TrainLive {
  switch (msg.type) {
    case 'backend':
      // A (new) worker just started and trains nothing yet (a backend change replaces the worker).
      return l.running ? { ...l, running: false } : l;
    case 'running':
      return { ...l, running: msg.running };
    case 'configured':
      // A fresh network: nothing of the old one is shown (its lenses start over at epoch 0).
      return { ...EMPTY_LIVE, running: l.running, lenses: l.lenses, dataset: msg.dataset, stepsPerEpoch: msg.stepsPerEpoch };
    case 'progress': {
      const m = msg.metrics[0];
      const point: HistoryPoint = { epoch: msg.epoch, trainLoss: m.trainLoss, testLoss: m.testLoss, trainAcc: m.trainAcc, testAcc: m.testAcc };
      const last = l.history[l.history.length - 1];
      const history = last && last.epoch === msg.epoch ? l.history : thin([...l.history, point]);
      return { ...l, epoch: msg.epoch, step: msg.step, metrics: m, msPerEpoch: msg.timing.msPerEpoch ?? l.msPerEpoch, history };
    }
    case 'grid':
      return { ...l, image: { gridSize: msg.gridSize, extent: msg.extent, outputDim: msg.outputDim, values: msg.values[0] } };
    case 'hidden':
      return { ...l, units: { gridSize: msg.gridSize, layers: msg.layers } };
    case 'taskView':
      return { ...l, task: { predictions: msg.predictions, firstLayer: msg.firstLayer } };
    case 'activationParams':
      return { ...l, learned: msg.params[0] ?? null };
    case 'lenses':
      return { ...l, lenses: addLenses(l.lenses, msg.epoch, msg.runs) };
    case 'diverged':
      return { ...l, diverged: msg.divergence };
    case 'error':
      return { ...l, error: msg.message };
    default:
      return l;
  }
}
