import type { Sink } from '@4site/monitor-core';
import { computeKpis, type KpiValues } from './compute';
import type { KpiCounts } from './counts';
import { createKpiWindow, type KpiWindowOptions } from './kpi-window';

/** Options of `createKpiSink()`. */
export interface KpiSinkOptions extends KpiWindowOptions {
  /** Sink name; a monitor keeps one sink per name. Default: `kpi`. */
  name?: string;
  /** Clock in milliseconds since the Unix epoch, for tests. Default: `Date.now`. */
  now?: () => number;
}

/** KPIs and the counts behind them over the window that ends at `at`. */
export interface KpiSnapshot {
  /** End of the window, in milliseconds since the Unix epoch. */
  readonly at: number;
  readonly windowMillis: number;
  readonly counts: KpiCounts;
  readonly kpis: KpiValues;
}

/** A sink that keeps the 4site KPIs over a sliding window in process. */
export interface KpiSink extends Sink {
  /** Computes the KPIs over the window that ends now. */
  snapshot(): KpiSnapshot;
}

/**
 * Creates a sink that counts the 4site events in a sliding window (one hour in 60 buckets by
 * default) and computes the KPIs on demand. Install it with `monitor.addSink()`. Its memory is
 * fixed by `bucketCount`, whatever the event rate.
 */
export function createKpiSink(options: KpiSinkOptions = {}): KpiSink {
  const now = options.now ?? Date.now;
  const window = createKpiWindow(options);
  return {
    name: options.name ?? 'kpi',
    handleEvent(event) {
      // Events come from the monitor, but the sink is public: ignore what is not an event.
      try {
        window.add(event, now());
      } catch {
        // Nothing to count.
      }
    },
    snapshot() {
      const at = now();
      const counts = window.counts(at);
      return { at, windowMillis: window.windowMillis, counts, kpis: computeKpis(counts) };
    },
  };
}
