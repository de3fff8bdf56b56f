import type { DropReason, Logger } from '@4site/monitor-core';
import { type QueuedEvent, takeBatch } from './batch';

/**
 * Failed deliveries of one event, the first included, before it is dropped as `sink_error`.
 * With the default flush interval of 5 s and the backoff capped at 5 min, the last retry comes
 * about 10 to 20 minutes after the first failure. Beacons do not count, because the browser
 * reports no response to them.
 */
export const MAX_ATTEMPTS = 10;

/** The bounded queue of serialized events, with counts of what it dropped. */
export interface EventQueue {
  readonly size: number;
  /** The queued events, first to send first. */
  items(): readonly QueuedEvent[];
  /** Appends an event, or drops it as `queue_full` and returns false when the queue is full. */
  push(item: QueuedEvent, name: string): boolean;
  /** Removes the first events that fit in one request. */
  take(maxEvents: number, maxBytes: number): QueuedEvent[];
  /**
   * Puts a failed batch back at the front while there is room, so it keeps its place. An event
   * that failed `MAX_ATTEMPTS` times is dropped as `sink_error`.
   */
  requeue(batch: readonly QueuedEvent[]): void;
  /**
   * Puts events back at the front without counting an attempt, as far as there is room, and
   * returns how many did not fit.
   */
  restoreFront(items: readonly QueuedEvent[]): number;
  /** Empties the queue and counts its events as dropped for `reason`. */
  discard(reason: DropReason, message: string): void;
  /** Counts events dropped for `reason` and logs why. */
  drop(reason: DropReason, count: number, message: string): void;
  dropped(): Readonly<Partial<Record<DropReason, number>>>;
}

/** Creates a queue of at most `maxQueueSize` events. */
export function createEventQueue(maxQueueSize: number, logger: Logger): EventQueue {
  const items: QueuedEvent[] = [];
  const drops: Partial<Record<DropReason, number>> = {};

  const drop = (reason: DropReason, count: number, message: string): void => {
    if (count === 0) return;
    drops[reason] = (drops[reason] ?? 0) + count;
    logger.warn(message);
  };

  return {
    get size() {
      return items.length;
    },
    items: () => items,
    push(item, name) {
      if (items.length < maxQueueSize) {
        items.push(item);
        return true;
      }
      drop('queue_full', 1, `Dropped "${name}": the queue holds ${maxQueueSize} events.`);
      return false;
    },
    take: (maxEvents, maxBytes) => takeBatch(items, maxEvents, maxBytes),
    requeue(batch) {
      const retries = batch
        .map((item) => ({ ...item, attempts: item.attempts + 1 }))
        .filter((item) => item.attempts < MAX_ATTEMPTS);
      const fitting = retries.slice(0, Math.max(0, maxQueueSize - items.length));
      const failed = batch.length - retries.length;
      const overflow = retries.length - fitting.length;
      drop('sink_error', failed, `Dropped ${failed} events after ${MAX_ATTEMPTS} failed sends.`);
      drop('queue_full', overflow, `Dropped ${overflow} events to retry: the queue is full.`);
      items.unshift(...fitting);
    },
    restoreFront(restored) {
      const fitting = restored.slice(0, Math.max(0, maxQueueSize - items.length));
      items.unshift(...fitting);
      return restored.length - fitting.length;
    },
    discard(reason, message) {
      drop(reason, items.splice(0).length, message);
    },
    drop,
    dropped: () => ({ ...drops }),
  };
}
