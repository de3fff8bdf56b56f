import type { Catalog, DropReason, Logger, MonitorEvent, Sink } from '@4site/monitor-core';
import type { TransportSettings } from '../options';
import { scrubEventProperties } from '../privacy/scrub-event-properties';
import { BODY_OVERHEAD_BYTES, encodeEvent, type QueuedEvent, toBody } from './batch';
import { type DeliveryResult, postWithFetch, sendBeacon } from './deliver';
import { createEventQueue } from './event-queue';
import { isPageHidden, onOnline, onPageHidden, onPageShown } from './page-lifecycle';
import type { QueueStore } from './queue-store';
import { createBackoff, retryDelayMillis } from './retry';
import { unref } from './unref';

export interface BeaconSinkOptions extends TransportSettings {
  catalog: Catalog;
  logger: Logger;
  /** Storage for unsent events across reloads. Default: none, so the queue lives in memory only. */
  store?: QueueStore;
}

/** The sink that sends browser events to the ingest endpoint. */
export interface BeaconSink extends Sink {
  /** Events that the transport dropped after the monitor accepted them, by reason. */
  dropped(): Readonly<Partial<Record<DropReason, number>>>;
}

/** Maximum time a newly queued event waits before it is written to localStorage, in ms. */
export const PERSIST_DELAY_MILLIS = 250;

/**
 * Creates the transport sink, which queues events whose definition has `ingest: true` and sends
 * them in batches. It sends with `fetch` when a batch is full, on a timer and on `flush()`. When
 * the page is hidden or unloaded it sends with `sendBeacon`, because only a beacon or a keepalive
 * request outlives the page. A failed batch waits with exponential backoff, or as long as the
 * server's `Retry-After` requests, before it is retried.
 */
export function createBeaconSink(options: BeaconSinkOptions): BeaconSink {
  const { catalog, logger, endpoint, maxBatchSize, maxRequestBytes, store } = options;
  const queue = createEventQueue(options.maxQueueSize, logger);
  const fallbacks = new Set<Promise<boolean>>();
  // Batches on their way: stored with the queue until the server responds, so a reload in the
  // middle of a request sends them again and the server de-duplicates them by id.
  const inFlight = new Set<readonly QueuedEvent[]>();
  // Events handed to sendBeacon, whose delivery the browser never confirms. They stay stored, so
  // the next page sends them again, and go back to the queue when this page is shown again. The
  // server counts a repeated id once, within its window of remembered ids.
  let beaconed: QueuedEvent[] = [];
  const backoff = createBackoff();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<boolean> | undefined;
  let closed = false;

  let persistTimer: ReturnType<typeof setTimeout> | undefined;

  const persist = (): void => {
    clearTimeout(persistTimer);
    persistTimer = undefined;
    store?.save([...[...inFlight].flat(), ...beaconed, ...queue.items()]);
  };

  // Writing the whole queue to localStorage on every event made each track() call cost about
  // 1 ms in Chromium with a few hundred events queued, so new events are written together.
  // Sends, page hides and consent changes still write at once.
  const persistSoon = (): void => {
    if (!store || persistTimer !== undefined) return;
    persistTimer = unref(setTimeout(persist, PERSIST_DELAY_MILLIS));
  };

  const clearTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  const scheduleTimer = (delayMillis = options.flushIntervalMillis): void => {
    if (timer !== undefined || closed || queue.size === 0) return;
    timer = unref(
      setTimeout(() => {
        timer = undefined;
        void drain();
      }, delayMillis),
    );
  };

  const settle = (batch: readonly QueuedEvent[], result: DeliveryResult): boolean => {
    if (result.outcome === 'sent') {
      backoff.succeed();
      logger.debug(`Sent ${batch.length} events to ${endpoint}.`);
      return true;
    }
    if (result.outcome === 'rejected') {
      queue.drop('sink_error', batch.length, `${endpoint} rejected ${batch.length} events.`);
      return false;
    }
    queue.requeue(batch);
    const attempts = Math.max(...batch.map((item) => item.attempts)) + 1;
    const backoffMillis = retryDelayMillis(attempts, options.flushIntervalMillis);
    const delay = backoff.fail(Date.now(), backoffMillis, result.retryAfterMillis);
    logger.warn(`Sending ${batch.length} events to ${endpoint} failed; retrying in ${delay} ms.`);
    clearTimer();
    scheduleTimer(delay);
    return false;
  };

  const post = async (batch: readonly QueuedEvent[]): Promise<boolean> => {
    inFlight.add(batch);
    const result = await postWithFetch(endpoint, toBody(batch), options.requestTimeoutMillis);
    inFlight.delete(batch);
    const delivered = settle(batch, result);
    persist();
    return delivered;
  };

  // One request at a time, because browsers cap the bytes of all keepalive requests in flight.
  // `forced` (flush() and the online event) skips the backoff but never the server's Retry-After.
  const drainQueue = async (forced: boolean): Promise<boolean> => {
    clearTimer();
    const wait = backoff.remaining(Date.now(), forced);
    if (wait > 0) {
      scheduleTimer(wait);
      return false;
    }
    let delivered = true;
    while (delivered && queue.size > 0) {
      const batch = queue.take(maxBatchSize, maxRequestBytes);
      if (batch.length === 0) break;
      delivered = await post(batch);
    }
    return delivered;
  };

  const drain = (forced = false): Promise<boolean> => {
    draining ??= drainQueue(forced).finally(() => {
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
        beaconed.push(...batch);
      } else {
        const fallback = post(batch).finally(() => fallbacks.delete(fallback));
        fallbacks.add(fallback);
      }
      batch = queue.take(maxBatchSize, maxRequestBytes);
    }
    // Keeps the newest beaconed events when hides repeat without a show in between.
    beaconed = beaconed.slice(-options.maxQueueSize);
    persist();
  };

  // The page lived on after its beacons, so their events go through fetch, which confirms them.
  const resendBeaconed = (): void => {
    if (closed || beaconed.length === 0) return;
    const forgotten = queue.restoreFront(beaconed);
    if (forgotten > 0) logger.debug(`Did not resend ${forgotten} beaconed events: queue full.`);
    beaconed = [];
    persist();
    scheduleTimer(0);
  };

  const enqueue = (event: MonitorEvent): void => {
    const item = encodeEvent(event);
    if (item.bytes + BODY_OVERHEAD_BYTES > maxRequestBytes) {
      const size = `${item.bytes} bytes, more than maxRequestBytes ${maxRequestBytes} allows`;
      queue.drop('invalid', 1, `Dropped "${event.name}": it serializes to ${size}.`);
      return;
    }
    if (!queue.push(item, event.name)) return;
    persistSoon();
    // Web vitals arrive while the page is being hidden, after the hidden handler ran. A beacon
    // now is their only chance to leave before the page is gone.
    if (isPageHidden()) sendAllWithBeacon();
    else if (queue.size >= maxBatchSize) void drain();
    else scheduleTimer();
  };

  const restore = (): void => {
    const items = store?.claim(options.maxQueueSize) ?? [];
    for (const item of items) queue.push(item, 'stored event');
    if (items.length === 0) return;
    logger.debug(`Restored ${items.length} unsent events from localStorage.`);
    persist();
    scheduleTimer(0);
  };

  const removeHiddenListeners = onPageHidden(sendAllWithBeacon);
  const removeShownListeners = onPageShown(resendBeaconed);
  const removeOnlineListener = onOnline(() => void drain(true));
  restore();

  return {
    name: 'beacon',
    handleEvent(event) {
      if (closed) return;
      const definition = Object.hasOwn(catalog, event.name) ? catalog[event.name] : undefined;
      if (definition?.ingest) {
        enqueue(scrubEventProperties(event));
        return;
      }
      logger.warnOnce(
        `Event "${event.name}" is not sent from the browser because its definition has ` +
          'ingest: false. Track it on the server.',
      );
    },
    handleScope(scope) {
      if (scope.consent !== 'denied') return;
      beaconed = [];
      if (queue.size === 0) return persist();
      clearTimer();
      queue.discard('consent', 'Dropped the queued events: consent was denied.');
      persist();
    },
    async flush() {
      const results = await Promise.all([drain(true), ...fallbacks]);
      return results.every(Boolean) && queue.size === 0;
    },
    async close() {
      closed = true;
      clearTimeout(persistTimer);
      removeHiddenListeners();
      removeShownListeners();
      removeOnlineListener();
      // Events still queued here failed to send on flush, so a beacon is their last chance.
      sendAllWithBeacon();
      const results = await Promise.all([draining ?? true, ...fallbacks]);
      clearTimer();
      return results.every(Boolean) && queue.size === 0;
    },
    dropped: queue.dropped,
  };
}
