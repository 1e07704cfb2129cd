/**
 * The Compare page's side of the worker: all activations × seeds in ONE trainer (one batched
 * computation), evaluated after every epoch and streamed to the page, cancellable between epochs.
 *
 * This mirrors core/compare/runComparison's loop rather than calling it, because the page also
 * wants each run's decision boundary and learned activation parameters while training, which
 * needs the live trainer; summary statistics stay in core/compare/summary.ts (the page calls
 * `summarize` on the streamed histories), so the numbers are computed in one place.
 */
import type { Trainer } from '../core/train/trainer';
import { createTrainer } from '../core/train/trainer';
import { dataExtent, gridPoints } from './grid';
import type { CompareSetup } from './protocol';
import type { Post, TrainerFactory } from './trainSession';

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class CompareSession {
  private cancelled = false;
  private active: Promise<void> | null = null;

  constructor(
    private readonly post: Post,
    private readonly toConfig: TrainerFactory,
  ) {}

  /** Starts a comparison, cancelling (and awaiting) one still running. */
  async start(setup: CompareSetup): Promise<void> {
    if (this.active) {
      this.cancelled = true;
      await this.active;
    }
    this.cancelled = false;
    const run = this.run(setup).catch((e: unknown) => {
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    this.active = run;
    await run;
    if (this.active === run) this.active = null;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private async run(setup: CompareSetup): Promise<void> {
    if (!(Number.isInteger(setup.epochs) && setup.epochs >= 1 && setup.epochs <= 100_000)) {
      throw new Error(`Epochs must be an integer between 1 and 100000, got ${setup.epochs}`);
    }
    const t0 = performance.now();
    const trainer = createTrainer({ ...this.toConfig(setup), epochs: setup.epochs });
    try {
      const ds = trainer.dataset;
      const extent = dataExtent(ds);
      this.post({
        type: 'configured',
        dataset: {
          name: ds.name,
          task: ds.task,
          dim: ds.dim,
          classes: ds.classes,
          train: { x: ds.train.x.slice(), y: ds.train.y.slice() },
          test: { x: ds.test.x.slice(), y: ds.test.y.slice() },
          extent,
        },
        stepsPerEpoch: trainer.stepsPerEpoch,
        batchSize: trainer.batchSize,
        runs: setup.runs.length,
      });
      const grid = ds.dim <= 2 ? gridPoints(setup.view.gridSize, extent, ds.dim) : null;
      const sendProgress = async (epoch: number): Promise<void> => {
        const metrics = await trainer.evaluate();
        this.post({ type: 'compareProgress', epoch, epochs: setup.epochs, step: trainer.stepCount, metrics, elapsedMs: performance.now() - t0 });
      };
      const draw = async (): Promise<void> => {
        if (grid) {
          const values = await trainer.predictGrid(grid);
          this.post({
            type: 'grid',
            step: trainer.stepCount,
            gridSize: setup.view.gridSize,
            extent,
            outputDim: ds.outputDim,
            runs: values.map((_, i) => i),
            values,
          });
        }
        this.post({ type: 'activationParams', step: trainer.stepCount, params: await trainer.activationParams() });
      };
      await sendProgress(0);
      await draw();
      const reported = setup.runs.map(() => false);
      const trainStart = performance.now();
      let lastDraw = performance.now();
      for (let e = 1; e <= setup.epochs && !this.cancelled; e++) {
        await trainer.epoch();
        await sendProgress(e);
        trainer.divergence().forEach((d, run) => {
          if (d && !reported[run]) {
            reported[run] = true;
            this.post({ type: 'diverged', run, divergence: d });
          }
        });
        if (performance.now() - lastDraw >= setup.view.drawEveryMs) {
          await draw();
          lastDraw = performance.now();
        }
        await yieldToEvents();
      }
      const trainMs = performance.now() - trainStart;
      await draw();
      this.post({
        type: 'compareDone',
        cancelled: this.cancelled,
        epochs: trainer.epochCount,
        elapsedMs: performance.now() - t0,
        msPerEpoch: trainer.epochCount > 0 ? trainMs / trainer.epochCount : NaN,
        divergence: trainer.divergence(),
      });
    } finally {
      disposeQuietly(trainer);
    }
  }
}

function disposeQuietly(trainer: Trainer): void {
  try {
    trainer.dispose();
  } catch {
    // Disposing twice or after a backend loss must not hide the real error.
  }
}
