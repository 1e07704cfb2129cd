/**
 * The page's handle on the training worker: typed send, typed messages, and clean shutdown.
 * A worker that fails to load (e.g. a blocked module) reports through `onMessage` as an error,
 * so the page shows a message instead of waiting forever.
 */
import type { BackendPreference } from '../core/train/choices';
import type { FromWorker, ToWorker } from './protocol';

export interface TrainWorkerClient {
  send(msg: ToWorker): void;
  terminate(): void;
}

export function createTrainWorker(backendPreference: BackendPreference, onMessage: (msg: FromWorker) => void): TrainWorkerClient {
  const worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onMessage({ type: 'error', message: `The training worker failed: ${e.message || 'it could not be loaded'}` });
  };
  worker.onmessageerror = () => onMessage({ type: 'error', message: 'A message from the training worker could not be read' });
  const send = (msg: ToWorker): void => worker.postMessage(msg);
  send({ type: 'init', backendPreference });
  return { send, terminate: () => worker.terminate() };
}
