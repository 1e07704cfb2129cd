/**
 * Splits a page's worker messages: run-file messages go to the RunFilePanel (through the
 * listener ref it fills), everything else to the page's own handler.
 */
import { useCallback, useRef, type RefObject } from 'react';
import type { FromWorker } from '../../worker/protocol';
import { isRunFileMessage, type RunFileListener, type RunFileMessage } from './RunFilePanel';

export type PageMessage = Exclude<FromWorker, RunFileMessage>;

export function useRunFileRouting(onPageMessage: (msg: PageMessage) => void): {
  listenerRef: RefObject<RunFileListener | null>;
  onMessage: (msg: FromWorker) => void;
} {
  const listenerRef = useRef<RunFileListener | null>(null);
  const onMessage = useCallback(
    (msg: FromWorker) => {
      if (isRunFileMessage(msg)) listenerRef.current?.(msg);
      else onPageMessage(msg);
    },
    [onPageMessage],
  );
  return { listenerRef, onMessage };
}
