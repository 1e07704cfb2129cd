/**
 * Run files in the worker: saving the Trainer page's run or the last comparison as JSON text,
 * and retraining a loaded file from its stored initial state on this worker's backend. Retrains
 * run one at a time (a new one waits for the previous one), each reported under its page id.
 * Both a retrain and a PyTorch export also measure the run's 1-ulp sensitivity (one more
 * retrain from a nudged start), so the page and the script can say how far agreement can go.
 */
import * as tf from '@tensorflow/tfjs';
import { RunFileError } from '../core/runfile/errors';
import { retrainRun } from '../core/runfile/retrain';
import type { RunFile } from '../core/runfile/schema';
import { measureSensitivity } from '../core/runfile/measureSensitivity';
import { parseRunFileText } from '../core/runfile/validate';
import type { ActivationResolver } from '../core/train/activationSpec';
import type { CompareSession } from './compareSession';
import type { RunFilePurpose } from './protocol';
import type { Post, TrainSession } from './trainSession';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class RunFileJobs {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: Post,
    private readonly resolveActivation: ActivationResolver,
  ) {}

  exportRun(session: TrainSession, purpose: RunFilePurpose): Promise<void> {
    let file: RunFile;
    try {
      file = session.runFile(0, tf.getBackend());
    } catch (e) {
      this.post({ type: 'runFileError', id: null, message: messageOf(e) });
      return Promise.resolve();
    }
    const text = JSON.stringify(file);
    if (purpose !== 'pytorch') {
      this.post({ type: 'runFileText', kind: 'run', purpose, text });
      return Promise.resolve();
    }
    // Queued with the retrains: the measurement is a training of its own.
    this.queue = this.queue.then(async () => {
      try {
        const sensitivity = await measureSensitivity(file, { resolveActivation: this.resolveActivation });
        this.post({ type: 'runFileText', kind: 'run', purpose, text, sensitivity });
      } catch (e) {
        this.post({ type: 'runFileError', id: null, message: messageOf(e) });
      }
    });
    return this.queue;
  }

  async exportComparison(session: CompareSession): Promise<void> {
    try {
      const text = JSON.stringify(await session.comparisonFile());
      this.post({ type: 'runFileText', kind: 'comparison', purpose: 'download', text });
    } catch (e) {
      this.post({ type: 'runFileError', id: null, message: messageOf(e) });
    }
  }

  retrain(id: number, text: string, run: number): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        const parsed = parseRunFileText(text);
        let file: RunFile;
        if ('runs' in parsed) {
          if (!(Number.isInteger(run) && run >= 0 && run < parsed.runs.length)) throw new RunFileError('$.runs', `has no run ${run}`);
          file = parsed.runs[run];
        } else {
          file = parsed;
        }
        const result = await retrainRun(file, {
          resolveActivation: this.resolveActivation,
          onEpoch: (record) => this.post({ type: 'retrainProgress', id, record }),
        });
        const sensitivity = await measureSensitivity(file, { resolveActivation: this.resolveActivation });
        this.post({ type: 'retrainDone', id, history: result.history, difference: result.difference, backend: result.backend, diverged: result.diverged, sensitivity });
      } catch (e) {
        this.post({ type: 'runFileError', id, message: messageOf(e) });
      }
    });
    return this.queue;
  }
}
