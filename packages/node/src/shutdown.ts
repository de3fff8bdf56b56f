import { constants } from 'node:os';
import { type CoreMonitor, type Monitor, MonitorError } from '@4site/monitor-core';

/** Options of `closeOnSignal()`. */
export interface CloseOnSignalOptions {
  /**
   * Signals that close the monitor, an array of names such as `'SIGTERM'`; anything else throws a
   * MonitorError. Default: `['SIGTERM', 'SIGINT']`.
   */
  signals?: readonly NodeJS.Signals[];
  /**
   * Time that closing may take before the signal is raised again, in milliseconds, even when a
   * vendor hangs. A finite number from 0, otherwise a MonitorError is thrown. Default: 5000.
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
  const signals = signalsOption(options.signals);
  const timeoutMillis = timeoutOption(options.timeoutMillis);
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

const SIGNAL_FIX = "pass an array of signal names such as ['SIGTERM', 'SIGINT'].";

// Node refuses listeners for these two.
const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

function describeArgument(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 32));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return `a value of type ${typeof value}`;
}

// A string would be iterated letter by letter, so each letter would become an event name.
function signalsOption(value: unknown): readonly NodeJS.Signals[] {
  if (value === undefined) return ['SIGTERM', 'SIGINT'];
  if (!Array.isArray(value)) {
    throw new MonitorError(`Invalid signals ${describeArgument(value)}: ${SIGNAL_FIX}`);
  }
  for (const signal of value) {
    if (
      typeof signal === 'string' &&
      Object.hasOwn(constants.signals, signal) &&
      !UNCATCHABLE.has(signal)
    )
      continue;
    throw new MonitorError(`Invalid signal ${describeArgument(signal)} in signals: ${SIGNAL_FIX}`);
  }
  return value as NodeJS.Signals[];
}

function timeoutOption(value: unknown): number {
  if (value === undefined) return 5000;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new MonitorError(
    `Invalid timeoutMillis ${describeArgument(value)}: use a finite number of milliseconds from 0.`,
  );
}
