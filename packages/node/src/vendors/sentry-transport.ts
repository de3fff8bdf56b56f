import http, { type ClientRequest, type RequestOptions } from 'node:http';
import https from 'node:https';
import type * as SentryNode from '@sentry/node';
import type { VendorDropReason } from '../prometheus/vendor-drops';

type Sentry = typeof SentryNode;
type TransportOptions = Parameters<Sentry['makeNodeTransport']>[0];
type Transport = ReturnType<Sentry['makeNodeTransport']>;
type Envelope = Parameters<Transport['send']>[0];
type TransportResponse = Awaited<ReturnType<Transport['send']>>;

/** Settings of the counting transport. */
export interface SentryTransportSettings {
  /**
   * Time from the start of one request to the end of its response after which the request is
   * abandoned, in milliseconds.
   */
  readonly sendTimeoutMillis: number;
  /** Called with each envelope item that Sentry gave up on. */
  readonly onDrop: (reason: VendorDropReason, count: number) => void;
}

/** The transport factory for `Sentry.init()`, and a way to abandon what is still in flight. */
export interface SentryTransport {
  readonly transport: (options: TransportOptions) => Transport;
  /**
   * Destroys every request in flight, and each later one at once, so a hanging intake cannot
   * hold the process. Only for close().
   */
  abortAll(): void;
}

// Losses that @sentry/core's transport decides locally and reports through recordDroppedEvent.
// Its `network_error` is left out because the rejected send is counted instead, with timeouts
// counted apart.
const LOCAL_REASONS: Readonly<Record<string, VendorDropReason>> = {
  queue_overflow: 'queue_full',
  ratelimit_backoff: 'rate_limited',
  send_error: 'http_error',
};
// Spans are counted through their transaction, and client reports are Sentry's own bookkeeping.
const UNCOUNTED_CATEGORIES = new Set(['span', 'internal']);
const UNCOUNTED_ITEM_TYPES = new Set(['span', 'client_report']);

/** A request destroyed because the intake did not finish in time, or because close() ended it. */
class SendTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * Creates Sentry's Node transport with three additions. Each request times out
 * `sendTimeoutMillis` after it gets its socket, even while the intake trickles its response.
 * Requests in flight can be destroyed at close. Every envelope item that is not delivered is
 * reported to `onDrop` once, with its reason.
 */
export function createSentryTransport(
  Sentry: Sentry,
  settings: SentryTransportSettings,
): SentryTransport {
  const inFlight = new Set<ClientRequest>();
  let aborted = false;
  const httpModule = {
    request(options: RequestOptions, callback?: (response: http.IncomingMessage) => void) {
      const native = options.protocol === 'https:' ? https : http;
      const request = native.request(options, callback);
      // Sentry sends a client report as it closes, which would hang again after abortAll().
      if (aborted) {
        process.nextTick(() => request.destroy(new SendTimeoutError('The monitor is closed.')));
        return request;
      }
      inFlight.add(request);
      request.once('close', () => inFlight.delete(request));
      // One deadline for the whole exchange, from the moment the request gets its socket to the
      // end of the response. An idle timeout would restart on every byte, so a trickling intake
      // would hold the request for ever. Time spent waiting for a free socket does not count,
      // so a slow but working intake does not lose the envelopes queued behind one another.
      let deadline: ReturnType<typeof setTimeout> | undefined;
      request.once('socket', () => {
        deadline = setTimeout(() => {
          request.destroy(new SendTimeoutError('The Sentry intake did not respond in time.'));
        }, settings.sendTimeoutMillis);
        deadline.unref();
      });
      request.once('close', () => clearTimeout(deadline));
      return request;
    },
  };

  const transport = (options: TransportOptions): Transport => {
    const inner = Sentry.makeNodeTransport({
      ...options,
      httpModule: httpModule as TransportOptions['httpModule'],
      recordDroppedEvent(reason, category, count = 1) {
        const mapped = LOCAL_REASONS[reason];
        if (mapped && !UNCOUNTED_CATEGORIES.has(category)) settings.onDrop(mapped, count);
        options.recordDroppedEvent(reason, category, count);
      },
    });
    return {
      send: (envelope) =>
        inner.send(envelope).then(
          (response) => {
            const reason = reasonOfResponse(response);
            if (reason) settings.onDrop(reason, countItems(envelope));
            return response;
          },
          (error: unknown) => {
            const reason = error instanceof SendTimeoutError ? 'timeout' : 'network_error';
            settings.onDrop(reason, countItems(envelope));
            throw error;
          },
        ),
      flush: (timeout) => inner.flush(timeout),
    };
  };

  return {
    transport,
    abortAll() {
      aborted = true;
      for (const request of inFlight) {
        request.destroy(new SendTimeoutError('The monitor closed before the intake responded.'));
      }
    },
  };
}

/** Returns why a response means the envelope was not accepted, if it was not. */
function reasonOfResponse(response: TransportResponse): VendorDropReason | undefined {
  const status = response.statusCode;
  // No status: the transport dropped the envelope locally and reported it through
  // recordDroppedEvent. 413 is reported there too, as `send_error`.
  if (status === undefined || status === 413) return undefined;
  if (status === 429) return 'rate_limited';
  return status >= 200 && status < 300 ? undefined : 'http_error';
}

function countItems(envelope: Envelope): number {
  let count = 0;
  for (const [header] of envelope[1]) {
    const { type, item_count: itemCount } = header as { type: string; item_count?: unknown };
    if (UNCOUNTED_ITEM_TYPES.has(type)) continue;
    count += typeof itemCount === 'number' ? itemCount : 1;
  }
  return count;
}

/**
 * Counts the events that the Sentry client itself drops because its processing queue is full.
 * The client reports that through its own `recordDroppedEvent`, which has no hook, so the
 * method of this one client instance is wrapped. The transport's losses never pass through it,
 * because the client hands the transport a copy bound before this wrapper exists.
 */
export function countClientOverflow(
  client: { recordDroppedEvent(reason: string, category: string, count?: number): void },
  onDrop: (reason: VendorDropReason, count: number) => void,
): void {
  const record = client.recordDroppedEvent.bind(client);
  client.recordDroppedEvent = (reason, category, count = 1) => {
    if (reason === 'queue_overflow' && !UNCOUNTED_CATEGORIES.has(category)) {
      onDrop('queue_full', count);
    }
    record(reason, category, count);
  };
}
