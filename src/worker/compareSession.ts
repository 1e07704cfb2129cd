/**
 * The Compare page's side of the worker: core/compare/runComparison trains all activations ×
 * seeds in ONE trainer (one batched computation); its per-epoch hook streams each epoch's
 * metrics, divergences and (throttled) each run's decision boundary and learned activation
 * parameters to the page. Cancellable between epochs. At the end it sends runComparison's result
 * itself (summary, timing, every history), which the page exports; while running the page
 * summarises the streamed histories with core/compare/summary.ts.
 */
import { runComparison, type ComparisonResult } from '../core/compare/runComparison';
import { buildComparisonFile } from '../core/runfile/record';
import type { ComparisonFile } from '../core/runfile/schema';
import type { ActivationResolver } from '../core/train/activationSpec';
import type { Trainer } from '../core/train/trainer';
import type { RunLenses } from '../core/train/lenses';
import { taskProbe } from '../core/tasks/taskProbe';
import { dataExtent, gridPoints } from './grid';
import type { CompareSetup } from './protocol';
import { datasetPoints, gridMessage, newDivergences } from './trainerMessages';
import type { Post } from './trainSession';

export class CompareSession {
  private abort: AbortController | null = null;
  private active: Promise<void> | null = null;
  /** The last finished (or cancelled) comparison, for "Download runs". */
  private last: ComparisonResult | null = null;

  constructor(
    private readonly post: Post,
    private readonly resolveActivation: ActivationResolver,
  ) {}

  /** Starts a comparison, cancelling (and awaiting) one still running. */
  async start(setup: CompareSetup): Promise<void> {
    if (this.active) {
      this.abort?.abort();
      await this.active;
    }
    const abort = new AbortController();
    this.abort = abort;
    const run = this.run(setup, abort.signal).catch((e: unknown) => {
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    this.active = run;
    await run;
    if (this.active === run) this.active = null;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** The last comparison as a comparison file (every run with its initial state and batch order). */
  async comparisonFile(): Promise<ComparisonFile> {
    if (this.active) throw new Error('The comparison is still running; download its runs when it has finished or been cancelled');
    if (!this.last) throw new Error('Nothing to save: run a comparison first');
    return buildComparisonFile(this.last, { resolveActivation: this.resolveActivation });
  }

  private async run(setup: CompareSetup, signal: AbortSignal): Promise<void> {
    const t0 = performance.now();
    let grid: Float32Array | null = null;
    /** Task sets (digits, periodic, high-frequency): the points their views ask every run about. */
    let probe: Float32Array | null = null;
    let extent: [number, number] = [-1, 1];
    const reported = new Set<number>();
    let lastDraw = -Infinity;

    const draw = async (trainer: Trainer): Promise<void> => {
      if (grid) this.post(await gridMessage(trainer, grid, setup.view.gridSize, extent));
      if (probe) this.post({ type: 'compareTaskView', step: trainer.stepCount, predictions: await trainer.predictGrid(probe) });
      this.post({ type: 'activationParams', step: trainer.stepCount, params: await trainer.activationParams() });
      lastDraw = performance.now();
    };

    /** Epoch 0 first tells the page the data; every epoch then streams metrics (cached by now). */
    const onEpoch = async (trainer: Trainer, epoch: number, lenses: (RunLenses | null)[]): Promise<void> => {
      if (epoch === 0) {
        const ds = trainer.dataset;
        extent = dataExtent(ds);
        grid = ds.dim <= 2 ? gridPoints(setup.view.gridSize, extent, ds.dim) : null;
        probe = taskProbe(ds)?.x ?? null;
        this.post({
          type: 'configured',
          dataset: datasetPoints(ds, extent),
          stepsPerEpoch: trainer.stepsPerEpoch,
          batchSize: trainer.batchSize,
          runs: trainer.runs.length,
        });
      }
      const metrics = await trainer.evaluate();
      this.post({ type: 'compareProgress', epoch, epochs: setup.epochs, step: trainer.stepCount, metrics, elapsedMs: performance.now() - t0 });
      this.post({ type: 'lenses', epoch, runs: lenses });
      for (const m of newDivergences(trainer, reported)) this.post(m);
      if (epoch === 0 || performance.now() - lastDraw >= setup.view.drawEveryMs) await draw(trainer);
    };

    this.last = null;
    const result = await runComparison(
      {
        activations: setup.activations,
        seeds: setup.seeds,
        dataset: setup.dataset,
        hidden: setup.hidden,
        epochs: setup.epochs,
        optimizer: setup.optimizer,
        lr: setup.lr,
        momentum: setup.momentum,
        l2: setup.l2,
        batchSize: setup.batchSize,
        init: setup.init,
        initSigmaW: setup.initSigmaW,
        initSigmaB: setup.initSigmaB,
        sirenOmega0: setup.sirenOmega0,
        target: setup.target,
      },
      undefined,
      signal,
      // The last state is always drawn, however recently the throttled draw ran.
      { resolveActivation: this.resolveActivation, onEpoch, onEnd: draw, lenses: true },
    );
    this.last = result;
    this.post({ type: 'compareDone', elapsedMs: performance.now() - t0, result });
  }
}
