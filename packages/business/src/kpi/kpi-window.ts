import { MonitorError, type MonitorEvent } from '@4site/monitor-core';
import {
  addCounts,
  countEvent,
  createCounts,
  type KpiCounts,
  type MutableCounts,
  resetCounts,
} from './counts';

/** Options of a sliding KPI window. */
export interface KpiWindowOptions {
  /** Length of the window in milliseconds. Default: 3600000 (one hour). */
  windowMillis?: number;
  /**
   * Time buckets that the window is divided into; memory is fixed by this number, whatever the
   * event rate. The window moves in steps of one bucket. Default: 60 (one-minute steps).
   */
  bucketCount?: number;
}

interface Bucket {
  /** Bucket number since the Unix epoch, `floor(time / bucketMillis)`; NaN while unused. */
  index: number;
  readonly counts: MutableCounts;
}

const MAX_BUCKETS = 10_000;

/**
 * Creates a sliding window of event counts made of a fixed ring of time buckets. It covers the
 * bucket that contains `now` and the `bucketCount - 1` buckets before it.
 */
export function createKpiWindow(options: KpiWindowOptions = {}) {
  const { windowMillis, bucketCount } = checkOptions(options);
  const bucketMillis = windowMillis / bucketCount;
  // Allocated once: events reuse these buckets, so nothing grows with the event rate.
  const buckets: Bucket[] = Array.from({ length: bucketCount }, () => ({
    index: Number.NaN,
    counts: createCounts(),
  }));
  const slotOf = (index: number) =>
    buckets[((index % bucketCount) + bucketCount) % bucketCount] as Bucket;

  return {
    windowMillis,
    bucketCount,
    /** Counts an event in the bucket of its timestamp; events older than the window are ignored. */
    add(event: MonitorEvent, now: number): void {
      if (!Number.isFinite(now)) return;
      const current = Math.floor(now / bucketMillis);
      // A timestamp from the future, or none, counts now.
      const index = Number.isFinite(event.timestamp)
        ? Math.min(Math.floor(event.timestamp / bucketMillis), current)
        : current;
      if (index <= current - bucketCount) return;
      const bucket = slotOf(index);
      if (bucket.index !== index) {
        resetCounts(bucket.counts);
        bucket.index = index;
      }
      countEvent(bucket.counts, event);
    },
    /** Sums the buckets inside the window that ends at `now`. */
    counts(now: number): KpiCounts {
      const total = createCounts();
      if (!Number.isFinite(now)) return total;
      const current = Math.floor(now / bucketMillis);
      for (const bucket of buckets) {
        if (bucket.index > current - bucketCount && bucket.index <= current) {
          addCounts(total, bucket.counts);
        }
      }
      return total;
    },
    /** The ring itself, for tests that check its size. */
    buckets: buckets as readonly Readonly<Bucket>[],
  };
}

export type KpiWindow = ReturnType<typeof createKpiWindow>;

function checkOptions(options: KpiWindowOptions) {
  const windowMillis = options.windowMillis ?? 60 * 60 * 1000;
  const bucketCount = options.bucketCount ?? 60;
  if (!Number.isFinite(windowMillis) || windowMillis <= 0) {
    throw new MonitorError(
      `Invalid windowMillis ${windowMillis}: use a positive number of milliseconds, such as 3600000 for one hour.`,
    );
  }
  if (!Number.isInteger(bucketCount) || bucketCount < 1 || bucketCount > MAX_BUCKETS) {
    throw new MonitorError(
      `Invalid bucketCount ${bucketCount}: use an integer from 1 to ${MAX_BUCKETS}, such as 60.`,
    );
  }
  if (windowMillis / bucketCount < 1) {
    throw new MonitorError(
      `windowMillis ${windowMillis} is shorter than bucketCount ${bucketCount} buckets of 1 ms: use fewer buckets.`,
    );
  }
  return { windowMillis, bucketCount };
}
