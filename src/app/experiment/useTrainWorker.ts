/**
 * One training worker per page mount (and per backend preference): created on mount, terminated
 * on unmount, so leaving the page stops its training and frees the GPU. `generation` counts
 * workers that became ready (backend chosen); 0 until the first one is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createTrainWorker, type TrainWorkerClient } from '../../worker/client';
import type { BackendPreference } from '../../core/train/choices';
import type { FromWorker, ToWorker, TrainSetup } from '../../worker/protocol';
import { readTimingCache, storeTimings } from '../state/backendTimingCache';

const timingStore = { read: readTimingCache, store: storeTimings };

/** `network` (read when a worker starts) is what 'auto' times on each candidate backend. */
export function useTrainWorker(
  preference: BackendPreference,
  network: TrainSetup,
  onMessage: (msg: FromWorker) => void,
): { send: (msg: ToWorker) => void; generation: number } {
  const handler = useRef(onMessage);
  const networkRef = useRef(network);
  const client = useRef<TrainWorkerClient | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    handler.current = onMessage;
    networkRef.current = network;
  });

  useEffect(() => {
    const c = createTrainWorker(preference, networkRef.current, timingStore, (m) => {
      // A new worker is ready once it has chosen its backend: pages (re)send their setup then.
      if (m.type === 'backend') setGeneration((g) => g + 1);
      handler.current(m);
    });
    client.current = c;
    return () => {
      c.terminate();
      if (client.current === c) client.current = null;
    };
  }, [preference]);

  const send = useCallback((msg: ToWorker) => client.current?.send(msg), []);
  return { send, generation };
}
