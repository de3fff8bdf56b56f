import type { Monitor } from '@4site/monitor-core';

/** Options of `closeOnSignal()`. */
export interface CloseOnSignalOptions {
  /** Signals that close the monitor. Default: `['SIGTERM', 'SIGINT']`. */
  signals?: readonly NodeJS.Signals[];
  /** How long the flush may take before the process goes on, in milliseconds. Default: 5000. */
  timeoutMillis?: number;
}

/**
 * Closes the monitor when the process receives a shutdown signal, flushing what Sentry,
 * dd-trace and DogStatsD hold within the timeout. If nothing else listens to that signal, the
 * signal is then raised again, so the process ends as it would have. Returns a function that
 * removes the listeners.
 */
export function closeOnSignal(monitor: Monitor, options: CloseOnSignalOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeoutMillis = options.timeoutMillis ?? 5000;
  const remove = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    remove();
    void monitor
      .close(timeoutMillis)
      .catch(() => false)
      .finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  }
  for (const signal of signals) process.on(signal, onSignal);
  return remove;
}
