/**
 * Run files in the worker: saving the Trainer page's run or the last comparison as JSON text,
 * and retraining a loaded file from its stored initial state on this worker's backend. Retrains
 * run one at a time (a new one waits for the previous one), each reported under its page id.
 */
import * as tf from '@tensorflow/tfjs';
import { RunFileError } from '../core/runfile/errors';
import { retrainRun } from '../core/runfile/retrain';
import type { RunFile } from '../core/runfile/schema';
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

  exportRun(session: TrainSession, purpose: RunFilePurpose): void {
    try {
      const text = JSON.stringify(session.runFile(0, tf.getBackend()));
      this.post({ type: 'runFileText', kind: 'run', purpose, text });
    } catch (e) {
      this.post({ type: 'runFileError', id: null, message: messageOf(e) });
    }
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
        this.post({ type: 'retrainDone', id, history: result.history, difference: result.difference, backend: result.backend, diverged: result.diverged });
      } catch (e) {
        this.post({ type: 'runFileError', id, message: messageOf(e) });
      }
    });
    return this.queue;
  }
}
