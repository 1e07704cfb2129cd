/** Shows a readable message instead of a blank page when a page fails to render or load. */
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing it clears a shown error (e.g. switching tabs). */
  resetKey: string;
}

interface State {
  error: Error | null;
  resetKey: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="notice notice-error" role="alert">
          <strong>This page could not be shown.</strong> {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
