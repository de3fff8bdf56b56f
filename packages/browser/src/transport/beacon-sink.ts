import type { Catalog, DropReason, Logger, MonitorEvent, Sink } from '@4site/monitor-core';
import type { TransportSettings } from '../options';
import { BODY_OVERHEAD_BYTES, encodeEvent, type QueuedEvent, toBody } from './batch';
import { type DeliveryResult, postWithFetch, sendBeacon } from './deliver';
import { createEventQueue } from './event-queue';
import { onPageHidden } from './page-lifecycle';

export interface BeaconSinkOptions extends TransportSettings {
  catalog: Catalog;
  logger: Logger;
}

/** The sink that sends browser events to the ingest endpoint. */
export interface BeaconSink extends Sink {
  /** Events that the transport dropped after the monitor accepted them, by reason. */
  dropped(): Readonly<Partial<Record<DropReason, number>>>;
}

/**
 * Creates the transport sink, which queues events whose definition has `ingest: true` and sends
 * them in batches. It sends with `fetch` when a batch is full, on a timer and on `flush()`. When
 * the page is hidden or unloaded it sends with `sendBeacon`, because only a beacon or a keepalive
 * request outlives the page.
 */
export function createBeaconSink(options: BeaconSinkOptions): BeaconSink {
  const { catalog, logger, endpoint, maxBatchSize, maxRequestBytes } = options;
  const queue = createEventQueue(options.maxQueueSize, logger);
  const fallbacks = new Set<Promise<boolean>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<boolean> | undefined;
  let closed = false;

  const clearTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  const scheduleTimer = (): void => {
    if (timer !== undefined || closed || queue.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, options.flushIntervalMillis);
  };

  const settle = (batch: readonly QueuedEvent[], result: DeliveryResult): boolean => {
    if (result === 'sent') {
      logger.debug(`Sent ${batch.length} events to ${endpoint}.`);
      return true;
    }
    if (result === 'rejected') {
      queue.drop('sink_error', batch.length, `${endpoint} rejected ${batch.length} events.`);
      return false;
    }
    logger.warn(`Sending ${batch.length} events to ${endpoint} failed; retrying later.`);
    queue.requeue(batch);
    scheduleTimer();
    return false;
  };

  const post = async (batch: readonly QueuedEvent[]): Promise<boolean> =>
    settle(batch, await postWithFetch(endpoint, toBody(batch)));

  // One request at a time, because browsers cap the bytes of all keepalive requests in flight.
  const drainQueue = async (): Promise<boolean> => {
    clearTimer();
    let delivered = true;
    while (delivered && queue.size > 0) {
      const batch = queue.take(maxBatchSize, maxRequestBytes);
      if (batch.length === 0) break;
      delivered = await post(batch);
    }
    return delivered;
  };

  const drain = (): Promise<boolean> => {
    draining ??= drainQueue().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  // NOTE: The Fetch standard caps the keepalive bodies in flight, beacons included, at 64 KiB
  // together. With more than that queued, the later beacons and their fetch fallbacks fail and
  // are retried only if the page survives.
  const sendAllWithBeacon = (): void => {
    clearTimer();
    for (let batch = queue.take(maxBatchSize, maxRequestBytes); batch.length > 0; ) {
      if (sendBeacon(endpoint, toBody(batch))) {
        logger.debug(`Queued a beacon of ${batch.length} events to ${endpoint}.`);
      } else {
        const fallback = post(batch).finally(() => fallbacks.delete(fallback));
        fallbacks.add(fallback);
      }
      batch = queue.take(maxBatchSize, maxRequestBytes);
    }
  };

  const enqueue = (event: MonitorEvent): void => {
    const item = encodeEvent(event);
    if (item.bytes + BODY_OVERHEAD_BYTES > maxRequestBytes) {
      const size = `${item.bytes} bytes, more than maxRequestBytes ${maxRequestBytes} allows`;
      queue.drop('invalid', 1, `Dropped "${event.name}": it serializes to ${size}.`);
      return;
    }
    if (!queue.push(item, event.name)) return;
    if (queue.size >= maxBatchSize) void drain();
    else scheduleTimer();
  };

  const removeListeners = onPageHidden(sendAllWithBeacon);

  return {
    name: 'beacon',
    handleEvent(event) {
      if (closed) return;
      const definition = Object.hasOwn(catalog, event.name) ? catalog[event.name] : undefined;
      if (definition?.ingest) {
        enqueue(event);
        return;
      }
      logger.warnOnce(
        `Event "${event.name}" is not sent from the browser because its definition has ` +
          'ingest: false. Track it on the server.',
      );
    },
    handleScope(scope) {
      if (scope.consent !== 'denied' || queue.size === 0) return;
      clearTimer();
      queue.discard('consent', 'Dropped the queued events: consent was denied.');
    },
    async flush() {
      const results = await Promise.all([drain(), ...fallbacks]);
      return results.every(Boolean) && queue.size === 0;
    },
    async close() {
      closed = true;
      removeListeners();
      // Events still queued here failed to send on flush, so a beacon is their last chance.
      sendAllWithBeacon();
      const results = await Promise.all([draining ?? true, ...fallbacks]);
      clearTimer();
      return results.every(Boolean) && queue.size === 0;
    },
    dropped: queue.dropped,
  };
}
