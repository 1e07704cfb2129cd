/** A warning or error box at the top of a page or panel, optionally with a dismiss button. */
import type { ReactNode } from 'react';

export interface NoticeProps {
  tone: 'warning' | 'error';
  /** Defaults: errors are announced at once ('alert'), warnings politely ('status'). */
  role?: 'alert' | 'status';
  testId?: string;
  /** Shows a ✕ button when given. */
  onDismiss?: () => void;
  dismissLabel?: string;
  children: ReactNode;
}

export function Notice({ tone, role, testId, onDismiss, dismissLabel = 'Dismiss', children }: NoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={role ?? (tone === 'error' ? 'alert' : 'status')} data-testid={testId}>
      {children}
      {onDismiss && (
        <button type="button" className="small" onClick={onDismiss} aria-label={dismissLabel}>
          ✕
        </button>
      )}
    </div>
  );
}
