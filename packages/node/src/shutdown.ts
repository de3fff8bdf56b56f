import type { CoreMonitor, Monitor } from '@4site/monitor-core';

/** Options of `closeOnSignal()`. */
export interface CloseOnSignalOptions {
  /** Signals that close the monitor. Default: `['SIGTERM', 'SIGINT']`. */
  signals?: readonly NodeJS.Signals[];
  /**
   * How long closing may take before the signal is raised again, in milliseconds, even when a
   * vendor hangs. Default: 5000.
   */
  timeoutMillis?: number;
}

/**
 * Closes the monitor when the process receives a shutdown signal, flushing what Sentry,
 * dd-trace and DogStatsD hold within the timeout. If nothing else listens to that signal, the
 * signal is then raised again, so the process ends as it would have. Returns a function that
 * removes the listeners; closing the monitor removes them too.
 */
export function closeOnSignal(monitor: Monitor, options: CloseOnSignalOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeoutMillis = options.timeoutMillis ?? 5000;
  const remove = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    remove();
    // close() flushes, then closes, each phase within the timeout, so it may take twice as long
    // when a vendor hangs. The deadline keeps the process's exit within one timeout.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMillis);
    });
    void Promise.race([monitor.close(timeoutMillis).catch(() => false), deadline]).finally(() => {
      clearTimeout(timer);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  for (const signal of signals) process.on(signal, onSignal);
  // Closing the monitor in any other way removes the listeners too, because each one keeps the
  // monitor in memory and a signal would only close it again.
  if (typeof (monitor as Partial<CoreMonitor>).addSink === 'function') {
    (monitor as CoreMonitor).addSink({
      name: `close-on-signal-${++closeOnSignalCount}`,
      close: async () => {
        remove();
        return true;
      },
    });
  }
  return remove;
}

// Numbers the sinks that remove each set of listeners, because a monitor keeps one sink per name.
let closeOnSignalCount = 0;
