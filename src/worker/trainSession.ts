/**
 * The Trainer page's side of the worker: one trainer, a play/pause loop and throttled reports.
 *
 * The loop runs `stepsPerTick` steps per turn and then yields to the event loop, so pause,
 * speed and reset messages are handled between turns. Results are read back from the tf.js
 * backend only when a report is due (time-throttled), never per step: the GPU queue stays full
 * and the page receives a few messages per second however fast training runs.
 */
import type { EpochRecord } from '../core/compare/summary';
import { assemble, dataRecord, learnableNames, stateRecord } from '../core/runfile/record';
import type { RunFile } from '../core/runfile/schema';
import { registryResolver } from '../core/train/registryResolver';
import type { Trainer, TrainerConfig, TrainerSnapshot } from '../core/train/trainer';
import { createTrainer } from '../core/train/trainer';
import { trainerLenses } from '../core/train/lensesOfTrainer';
import { dataExtent, gridPoints } from './grid';
import { taskProbe } from '../core/tasks/taskProbe';
import type { FromWorker, TrainSetup, ViewSpec } from './protocol';
import { datasetPoints, gridMessage, newDivergences } from './trainerMessages';

export type Post = (msg: FromWorker) => void;
export type TrainerFactory = (setup: TrainSetup) => TrainerConfig;

/** Longest stretch of training between two looks at the message queue (see stepsPerTurn). */
const TURN_MS = 30;

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class TrainSession {
  private trainer: Trainer | null = null;
  private setup: TrainSetup | null = null;
  private view: ViewSpec | null = null;
  private extent: [number, number] = [-1, 1];
  private grid: Float32Array | null = null;
  private unitGrid: Float32Array | null = null;
  /** Where the task view looks at the net (null for the toy sets). */
  private probe: Float32Array | null = null;
  private running = false;
  private looping = false;
  private stepsPerTick = 1;
  private lastProgress = 0;
  private lastDraw = 0;
  /** When and at which epoch the lenses were last measured (they are throttled like drawings). */
  private lastLenses = 0;
  private lensEpoch = -1;
  private reported = new Set<number>();
  /** The state before the first step and each run's metrics at every epoch end: what a run file holds. */
  private initialState: TrainerSnapshot | null = null;
  private history: EpochRecord[][] = [];
  /** Training time and epochs since the last (re)start, for msPerEpoch. */
  private timed = { ms: 0, epochs: 0, steps: 0 };
  /** Commands run one after another: a reset never lands in the middle of a step. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: Post,
    private readonly toConfig: TrainerFactory,
  ) {}

  /** Runs `job` after every earlier command; errors become an 'error' message. */
  private enqueue(job: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue.then(job).catch((e: unknown) => {
      this.setRunning(false);
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return this.queue;
  }

  configure(setup: TrainSetup, view: ViewSpec): Promise<void> {
    this.setRunning(false);
    return this.enqueue(() => this.build(setup, view));
  }

  reset(): Promise<void> {
    this.setRunning(false);
    return this.enqueue(() => {
      if (!this.setup || !this.view) throw new Error('Nothing to reset: no training set up yet');
      return this.build(this.setup, this.view);
    });
  }

  newSeed(seeds: number[]): Promise<void> {
    this.setRunning(false);
    return this.enqueue(() => {
      if (!this.setup || !this.view) throw new Error('No training set up yet');
      const runs = this.setup.runs.map((r, i) => ({ ...r, seed: seeds[i % seeds.length] }));
      return this.build({ ...this.setup, runs }, this.view);
    });
  }

  setSpeed(stepsPerTick: number): void {
    if (!(Number.isInteger(stepsPerTick) && stepsPerTick >= 1 && stepsPerTick <= 1000)) {
      this.post({ type: 'error', message: `Speed must be 1…1000 steps per turn, got ${stepsPerTick}` });
      return;
    }
    this.stepsPerTick = stepsPerTick;
  }

  start(): Promise<void> {
    return this.enqueue(() => {
      if (!this.trainer) throw new Error('Nothing to train: no training set up yet');
      if (this.allDiverged()) throw new Error('This run diverged; reset it or lower the learning rate first');
      this.timed = { ms: 0, epochs: 0, steps: 0 };
      this.setRunning(true);
      if (!this.looping) void this.loop();
    });
  }

  pause(): void {
    this.setRunning(false);
  }

  step(steps: number): Promise<void> {
    this.setRunning(false);
    return this.enqueue(async () => {
      if (!this.trainer) throw new Error('Nothing to train: no training set up yet');
      if (!(Number.isInteger(steps) && steps >= 1 && steps <= 100_000)) throw new Error(`Steps must be 1…100000, got ${steps}`);
      await this.advance(steps);
      await this.report(true);
    });
  }

  /**
   * Run `run` so far as a run file: the setup, the data, the weights it started from, the seed's
   * batch order and the metrics of every completed epoch (a started epoch is left out).
   */
  runFile(run: number, backend: string): RunFile {
    const trainer = this.trainer;
    if (!trainer || !this.setup || !this.initialState) throw new Error('Nothing to save: no training set up yet');
    const spec = this.setup.runs[run];
    if (!spec) throw new Error(`No run ${run}`);
    const history = this.history[run];
    const resolve = this.toConfig(this.setup).resolveActivation ?? registryResolver;
    // A file must plan at least one epoch (the batch order of the first one is written out).
    const setup = { ...this.setup, epochs: Math.max(1, history.length - 1) };
    const initial = stateRecord(this.initialState.runs[run], learnableNames(spec.activation, resolve));
    const recorded = { activation: spec.activation, seed: spec.seed, history, diverged: trainer.divergence()[run] };
    return assemble(setup, recorded, trainer, initial, dataRecord(trainer.dataset), backend);
  }

  dispose(): void {
    this.setRunning(false);
    this.trainer?.dispose();
    this.trainer = null;
  }

  private setRunning(running: boolean): void {
    if (this.running === running) return;
    this.running = running;
    this.post({ type: 'running', running });
  }

  private allDiverged(): boolean {
    return this.trainer !== null && this.trainer.divergence().every((d) => d !== null);
  }

  private async build(setup: TrainSetup, view: ViewSpec): Promise<void> {
    this.trainer?.dispose();
    this.trainer = null;
    this.initialState = null;
    this.history = [];
    const trainer = createTrainer(this.toConfig(setup));
    this.trainer = trainer;
    this.setup = setup;
    this.view = view;
    const ds = trainer.dataset;
    this.extent = dataExtent(ds);
    this.grid = ds.dim <= 2 ? gridPoints(view.gridSize, this.extent, ds.dim) : null;
    this.unitGrid = ds.dim <= 2 && view.unitGridSize > 0 ? gridPoints(view.unitGridSize, this.extent, ds.dim) : null;
    this.probe = taskProbe(ds)?.x ?? null;
    this.reported = new Set();
    this.timed = { ms: 0, epochs: 0, steps: 0 };
    this.lensEpoch = -1;
    this.initialState = await trainer.snapshot();
    this.history = (await trainer.evaluate()).map((m) => [{ epoch: 0, ...m }]);
    await this.measureLenses(trainer);
    this.post({ type: 'configured', dataset: datasetPoints(ds, this.extent), stepsPerEpoch: trainer.stepsPerEpoch, batchSize: trainer.batchSize, runs: setup.runs.length });
    await this.report(true);
  }

  private async advance(steps: number): Promise<void> {
    const trainer = this.trainer as Trainer;
    const epoch0 = trainer.epochCount;
    const t0 = performance.now();
    let crossed = false;
    // Stop at every epoch boundary to record the epoch's metrics (cached by the engine's own
    // end-of-epoch evaluation, so this reads nothing new from the backend).
    for (let left = steps; left > 0; ) {
      const k = Math.min(left, trainer.stepsPerEpoch - (trainer.stepCount % trainer.stepsPerEpoch));
      await trainer.step(k);
      left -= k;
      if (trainer.stepCount % trainer.stepsPerEpoch === 0) {
        const epoch = trainer.epochCount;
        (await trainer.evaluate()).forEach((m, r) => this.history[r].push({ epoch, ...m }));
        crossed = true;
      }
    }
    // Lenses at the last epoch boundary of this update (not every one: at full batch and high speed
    // an update crosses many), and at most once per drawing interval: each lens message redraws four
    // charts on the page, which at one per epoch (~50 a second on cpu) left it a few frames a second.
    if (crossed && performance.now() - this.lastLenses >= (this.view?.drawEveryMs ?? 0)) await this.measureLenses(trainer);
    this.timed.ms += performance.now() - t0;
    this.timed.epochs += trainer.epochCount - epoch0;
    this.timed.steps += steps;
    for (const m of newDivergences(trainer, this.reported)) this.post(m);
  }

  /** Every run's per-layer lenses from its weights now (an epoch boundary): into the history and to the page. */
  private async measureLenses(trainer: Trainer): Promise<void> {
    const epoch = trainer.epochCount;
    this.lastLenses = performance.now();
    this.lensEpoch = epoch;
    const runs = await trainerLenses(trainer);
    runs.forEach((l, r) => {
      const last = this.history[r]?.at(-1);
      if (l && last && last.epoch === epoch) last.lenses = l;
    });
    this.post({ type: 'lenses', epoch, runs });
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      let shownStop = false;
      while (this.running) {
        await this.enqueue(async () => {
          if (!this.running || !this.trainer) return;
          await this.advance(Math.min(this.stepsPerTick, this.stepsPerTurn()));
          if (this.allDiverged()) this.setRunning(false);
          shownStop = !this.running;
          await this.report(shownStop);
        });
        await yieldToEvents();
      }
      // Paused between turns: the throttled reports may be up to a second behind, so show the
      // state it stopped at (boundary, parameters, metrics), as a Step does.
      if (!shownStop) await this.enqueue(() => this.report(true));
    } finally {
      this.looping = false;
    }
  }

  /**
   * Steps that fit in TURN_MS at the speed measured since play: a turn never holds the worker
   * much longer, so Pause (handled between turns) registers within about that time even at
   * 100 steps per update on a slow backend. Reports are time-throttled, so splitting an update
   * into several turns changes nothing the page sees.
   */
  private stepsPerTurn(): number {
    const { ms, steps } = this.timed;
    return steps > 0 && ms > 0 ? Math.max(1, Math.floor((TURN_MS * steps) / ms)) : 1;
  }

  /** Progress (and, when due, drawings). `force` sends everything now. */
  private async report(force: boolean): Promise<void> {
    const trainer = this.trainer;
    const view = this.view;
    if (!trainer || !view) return;
    // A pause or a step shows the lenses of the epoch it stopped at, however recent the last ones.
    if (force && trainer.stepCount % trainer.stepsPerEpoch === 0 && this.lensEpoch !== trainer.epochCount) await this.measureLenses(trainer);
    const now = performance.now();
    if (force || now - this.lastProgress >= view.progressEveryMs) {
      this.lastProgress = now;
      const metrics = await trainer.evaluate();
      const { ms, epochs, steps } = this.timed;
      this.post({
        type: 'progress',
        epoch: trainer.epochCount + (trainer.stepCount % trainer.stepsPerEpoch) / trainer.stepsPerEpoch,
        step: trainer.stepCount,
        metrics,
        timing: { msPerEpoch: epochs > 0 ? ms / epochs : null, stepsPerSecond: ms > 0 ? (steps * 1000) / ms : null },
      });
    }
    if (force || now - this.lastDraw >= view.drawEveryMs) {
      this.lastDraw = now;
      await this.draw(trainer, view);
    }
  }

  private async draw(trainer: Trainer, view: ViewSpec): Promise<void> {
    const step = trainer.stepCount;
    if (this.grid) this.post(await gridMessage(trainer, this.grid, view.gridSize, this.extent));
    if (this.unitGrid && view.unitRun >= 0 && view.unitRun < trainer.runs.length) {
      const layers = await trainer.hiddenUnits(view.unitRun, this.unitGrid);
      this.post({ type: 'hidden', step, run: view.unitRun, gridSize: view.unitGridSize, layers });
    }
    if (this.probe && view.unitRun >= 0 && view.unitRun < trainer.runs.length) {
      const predictions = (await trainer.predictGrid(this.probe))[view.unitRun];
      // Digits show the first layer's weights as 8 × 8 images.
      const first = trainer.dataset.name === 'digits' ? (await trainer.snapshot()).runs[view.unitRun].layers[0] : null;
      this.post({ type: 'taskView', step, run: view.unitRun, predictions, firstLayer: first ? { fanIn: first.fanIn, fanOut: first.fanOut, W: first.W } : null });
    }
    this.post({ type: 'activationParams', step, params: await trainer.activationParams() });
  }
}
