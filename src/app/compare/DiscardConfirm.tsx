/**
 * An in-page question before an action that would stop a running comparison: it says what would
 * be lost and offers the action or keeping the run. Non-blocking (the page keeps updating while
 * it is shown), unlike window.confirm, and visible to people and tests alike.
 */
import { useEffect, useRef } from 'react';

export interface PendingDiscard {
  /** What going ahead throws away, in words. */
  message: string;
  /** The button that goes ahead, e.g. "Stop and switch to wasm". */
  confirmLabel: string;
  onConfirm(): void;
}

export interface DiscardConfirmProps {
  pending: PendingDiscard;
  onKeep(): void;
}

export function DiscardConfirm({ pending, onKeep }: DiscardConfirmProps) {
  const keep = useRef<HTMLButtonElement>(null);
  // The question appears where the person is not looking (the control was in the sidebar): move
  // focus to its safe answer so a keyboard user meets it at once.
  useEffect(() => keep.current?.focus(), [pending]);
  return (
    <div className="notice notice-warning discard-confirm" role="alertdialog" aria-modal="false" aria-labelledby="compare-confirm-text" data-testid="compare-confirm">
      <p id="compare-confirm-text">{pending.message}</p>
      <div className="confirm-actions">
        <button type="button" ref={keep} data-testid="compare-confirm-keep" onClick={onKeep}>
          Keep the run
        </button>
        <button
          type="button"
          className="danger"
          data-testid="compare-confirm-go"
          onClick={() => {
            pending.onConfirm();
            onKeep();
          }}
        >
          {pending.confirmLabel}
        </button>
      </div>
    </div>
  );
}
