import { getMonitor, type Monitor } from '@4site/monitor-browser';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { MonitorContext } from './monitor-context';

/** Arguments of a fallback function: the error and a function that renders the children again. */
export interface FallbackProps {
  error: unknown;
  /** Clears the error, so the boundary renders its children again. */
  reset: () => void;
}

export interface MonitorErrorBoundaryProps {
  children?: ReactNode;
  /** Content rendered instead of the children after an error. Default: nothing. */
  fallback?: ReactNode | ((props: FallbackProps) => ReactNode);
  /** Called after the error was reported, with React's component stack. Default: none. */
  onError?: (error: unknown, componentStack: string) => void;
}

interface State {
  error: unknown;
  failed: boolean;
}

/**
 * Catches errors thrown while rendering its children, reports each one once through the
 * monitor of the nearest `MonitorProvider` (or `getMonitor()` outside any provider) with React's
 * component stack, and renders `fallback` in their place. The monitor reports a given error
 * object once, so the same error seen again, for example by a global error handler, is not
 * counted twice.
 */
export class MonitorErrorBoundary extends Component<MonitorErrorBoundaryProps, State> {
  static override contextType = MonitorContext;
  declare context: Monitor | null;
  override state: State = { error: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const componentStack = info.componentStack ?? '';
    const monitor = this.context ?? getMonitor();
    monitor.captureError(error, { react: { componentStack } });
    try {
      this.props.onError?.(error, componentStack);
    } catch {
      // A failing onError callback must not replace the fallback with a second crash.
    }
  }

  private readonly reset = (): void => {
    this.setState({ error: undefined, failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { fallback } = this.props;
    if (typeof fallback === 'function')
      return fallback({ error: this.state.error, reset: this.reset });
    return fallback ?? null;
  }
}
