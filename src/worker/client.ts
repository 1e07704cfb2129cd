/**
 * The page's handle on the training worker: typed send, typed messages, and clean shutdown.
 * A worker that fails to load (e.g. a blocked module) reports through `onMessage` as an error,
 * so the page shows a message instead of waiting forever.
 */
import type { BackendPreference } from '../core/train/choices';
import type { BackendTiming } from '../core/train/backend';
import type { FromWorker, ToWorker, TrainSetup } from './protocol';

export interface TrainWorkerClient {
  send(msg: ToWorker): void;
  terminate(): void;
}

/** Where 'auto' may find and keep its per-device timings (the page's localStorage). */
export interface TimingStore {
  read(): ReadonlyMap<string, BackendTiming[]>;
  store(device: string, timings: BackendTiming[]): void;
}

/**
 * Starts a worker that chooses `backendPreference`; for 'auto', `network` (the page's network) is
 * what it times on each candidate unless `timings` knows this device already.
 */
export function createTrainWorker(backendPreference: BackendPreference, network: TrainSetup | undefined, timings: TimingStore, onMessage: (msg: FromWorker) => void): TrainWorkerClient {
  const worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'backend' && m.backend.device && m.backend.timings && !m.backend.fromCache) timings.store(m.backend.device, m.backend.timings);
    onMessage(m);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onMessage({ type: 'error', message: `The training worker failed: ${e.message || 'it could not be loaded'}` });
  };
  worker.onmessageerror = () => onMessage({ type: 'error', message: 'A message from the training worker could not be read' });
  const send = (msg: ToWorker): void => worker.postMessage(msg);
  send({ type: 'init', backendPreference, network: backendPreference === 'auto' ? network : undefined, timings: backendPreference === 'auto' ? timings.read() : undefined });
  return { send, terminate: () => worker.terminate() };
}
