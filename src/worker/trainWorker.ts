/**
 * The training Web Worker: picks the tf.js backend, then routes the pages' messages (see
 * ./protocol.ts) to a TrainSession (Trainer page) or a CompareSession (Compare page). Training
 * never runs on the page's thread, so the page stays responsive however slow a backend is.
 *
 * Created by the pages with
 *   new Worker(new URL('../../worker/trainWorker.ts', import.meta.url), { type: 'module' })
 */
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend, type BackendTiming } from '../core/train/backend';
import type { BackendPreference } from '../core/train/choices';
import { registryResolver } from '../core/train/registryResolver';
import type { TrainerConfig } from '../core/train/trainer';
import { backendInfo } from './backendInfo';
import { stepTimer } from './backendTiming';
import { CompareSession } from './compareSession';
import { RunFileJobs } from './runFileJobs';
import { transferables, type FromWorker, type ToWorker, type TrainSetup } from './protocol';
import { TrainSession } from './trainSession';

const scope = self as unknown as {
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

function post(msg: FromWorker): void {
  scope.postMessage(msg, transferables(msg));
}

function toConfig(setup: TrainSetup): TrainerConfig {
  return { ...setup, resolveActivation: registryResolver };
}

const training = new TrainSession(post, toConfig);
const comparing = new CompareSession(post, registryResolver);
const runFiles = new RunFileJobs(post, registryResolver);
let ready: Promise<void> | null = null;

async function init(preference: BackendPreference, network: TrainSetup | undefined, timings: ReadonlyMap<string, BackendTiming[]> | undefined): Promise<void> {
  if (preference !== 'cpu') {
    // The bundler renames the .wasm files; tell the wasm backend where they ended up.
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
  }
  const measure = network ? stepTimer(network, toConfig) : undefined;
  const chosen = await selectBackend(preference, { measure, cached: timings });
  post({ type: 'backend', backend: backendInfo(chosen) });
}

function fail(e: unknown): void {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'init') {
    ready = init(msg.backendPreference, msg.network, msg.timings);
    return ready;
  }
  // Every other message waits for the backend: training must not start on tf.js's default.
  if (!ready) throw new Error('The worker was not initialised (send "init" first)');
  await ready;
  switch (msg.type) {
    case 'configure':
      return training.configure(msg.setup, msg.view);
    case 'start':
      return training.start();
    case 'pause':
      return training.pause();
    case 'step':
      return training.step(msg.steps);
    case 'reset':
      return training.reset();
    case 'newSeed':
      return training.newSeed(msg.seeds);
    case 'setSpeed':
      return training.setSpeed(msg.stepsPerTick);
    case 'compareStart':
      return comparing.start(msg.setup);
    case 'compareCancel':
      return comparing.cancel();
    case 'exportRun':
      return runFiles.exportRun(training, msg.purpose);
    case 'exportComparison':
      return runFiles.exportComparison(comparing);
    case 'retrain':
      return runFiles.retrain(msg.id, msg.text, msg.run);
  }
}

scope.onmessage = (e) => {
  handle(e.data).catch(fail);
};
