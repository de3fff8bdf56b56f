import { type Catalog, createLogger, createMonitor, type Sink } from '@4site/monitor-core';
import { fourSiteCatalog } from '../src';

/** Creates a clock that tests move by hand, in milliseconds since the Unix epoch. */
export function manualClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  return {
    now: () => time,
    advance(millis: number) {
      time += millis;
    },
  };
}

/** Creates a monitor of the 4site catalog, or of another one, that logs nothing. */
export function quietMonitor<C extends Catalog = typeof fourSiteCatalog>(
  sinks: Sink[],
  now: () => number,
  catalog: C = fourSiteCatalog as unknown as C,
) {
  return createMonitor({ catalog, sinks, now, logger: createLogger({ enabled: false }) });
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
