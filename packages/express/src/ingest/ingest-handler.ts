import type { ServerResponse } from 'node:http';
import { createDeduper, validateEvent } from '@4site/monitor-core';
import { ensureMetric } from '@4site/monitor-node';
import { Counter } from 'prom-client';
import { type Handler, type MonitoredRequest, sendJson } from '../http-types';
import type { MonitorLike } from '../monitor-like';
import { recordViolation } from '../security';
import { integerOption, originsOption, rateLimitOption } from './check-options';
import { type ClientLimiter, type ClientRateLimit, createClientLimiter } from './client-limiter';
import { checkOrigin, setCorsHeaders } from './cors';
import { type BatchEvent, parseBatch, type RejectedEvent, show } from './parse-batch';
import { readBody } from './read-body';

/** Limits and access rules of the public ingest endpoint. */
export interface IngestOptions {
  /**
   * Largest accepted body in bytes, an integer from 1. It applies to a body that `express.json()`
   * already parsed too. Default: 65536, the `sendBeacon` limit in Chromium.
   */
  maxBodyBytes?: number;
  /** Maximum number of events in one batch, an integer from 1. Default: 100. */
  maxBatchEvents?: number;
  /**
   * Time allowed to receive the whole body, in milliseconds, from 1 to 2147483647; a slower body
   * gets a 408 and its connection is closed. Another value throws a MonitorError. Default: 10000.
   */
  bodyTimeoutMillis?: number;
  /**
   * Origins, such as `https://4site.pro` (scheme, host and optional port, nothing after), that may
   * send cross-origin beacons; `*` allows any. Anything else throws a MonitorError at creation.
   * Same-origin requests and requests without an `Origin` header are always allowed. Default: none.
   */
  allowedOrigins?: readonly string[];
  /** Per-client rate limit, keyed by a salted hash of `req.ip`; `false` turns it off. */
  rateLimit?: ClientRateLimit | false;
  /**
   * Event ids remembered to count a resent event once; integers from 1 (ttlMillis in
   * milliseconds). Default: 50000 ids for 24 hours.
   */
  eventIds?: { maxKeys?: number; ttlMillis?: number };
}

/** Reasons for rejecting a request, the `reason` label of `<prefix>_ingest_rejected_total`. */
export const INGEST_REJECT_REASONS = [
  'method',
  'origin',
  'content_type',
  'too_large',
  'timeout',
  'malformed',
  'invalid',
  'rate_limited',
] as const;
type RejectReason = (typeof INGEST_REJECT_REASONS)[number];

const BODY_TYPES = ['application/json', 'text/plain'];

/**
 * Accepts batched events from browsers: `{"events":[{"name","properties","timestamp","id"}]}`
 * as JSON or as the text/plain string that `navigator.sendBeacon` sends. A bad request gets a
 * 4xx with a JSON error and changes no business series.
 */
export function ingestHandler(monitor: MonitorLike, options: IngestOptions = {}): Handler {
  const limits = {
    maxBodyBytes: integerOption('maxBodyBytes', options.maxBodyBytes, 65_536),
    maxBatchEvents: integerOption('maxBatchEvents', options.maxBatchEvents, 100),
    bodyTimeoutMillis: integerOption(
      'bodyTimeoutMillis',
      options.bodyTimeoutMillis,
      10_000,
      1,
      MAX_TIMER_MILLIS,
    ),
  };
  const origins = originsOption(options.allowedOrigins);
  const rateLimit = rateLimitOption(options.rateLimit);
  const limiter = rateLimit === false ? undefined : createClientLimiter(rateLimit);
  const ids = createDeduper(eventIdsOption(options.eventIds));
  const rejects = rejectCounter(monitor);

  const settings: Settings = { monitor, limits, origins, limiter };
  const handle = async (req: MonitoredRequest, res: ServerResponse): Promise<void> => {
    const outcome = admit(req, res, settings) ?? (await readBatch(req, res, settings));
    if ('events' in outcome) return sendJson(res, 202, recordBatch(monitor, outcome.events, ids));
    if (outcome.status === 0) return;
    rejects.labels(outcome.reason).inc();
    sendJson(res, outcome.status, outcome.body);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Runs after the handler returned, so nothing here may throw: it would become an unhandled
      // rejection in the app.
      try {
        monitor.logger.error('The ingest endpoint failed.', error);
        if (!res.headersSent)
          sendJson(res, 500, { error: 'Internal error while ingesting events.' });
      } catch {
        // The response object is not a real one, so nothing can be sent.
      }
    });
  };
}

interface Settings {
  readonly monitor: MonitorLike;
  readonly limits: { maxBodyBytes: number; maxBatchEvents: number; bodyTimeoutMillis: number };
  readonly origins: readonly string[];
  readonly limiter: ClientLimiter | undefined;
}

/** A request turned away; status 0 means the response was already handled. */
interface Rejection {
  readonly reason: RejectReason;
  readonly status: number;
  readonly body: object;
}

const handled: Rejection = { reason: 'malformed', status: 0, body: {} };

function rejection(reason: RejectReason, status: number, error: string, rest: object = {}) {
  return { reason, status, body: { error, ...rest } };
}

/**
 * Checks what can be checked before the body is read: origin, method, rate limit, content type.
 * Responds to CORS preflights itself. Returns undefined when the request may go on.
 */
function admit(
  req: MonitoredRequest,
  res: ServerResponse,
  settings: Settings,
): Rejection | undefined {
  const origin = checkOrigin(req, settings.origins);
  if (!origin.allowed) {
    const shown = show(String(req.headers.origin));
    return rejection(
      'origin',
      403,
      `Origin ${shown} may not send events: add it to allowedOrigins.`,
    );
  }
  setCorsHeaders(res, origin.crossOrigin, req.method === 'OPTIONS');
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return handled;
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST, OPTIONS');
    const shown = show(String(req.method));
    return rejection('method', 405, `Method ${shown} is not allowed: send events with POST.`);
  }
  const wait = settings.limiter?.(clientAddress(req), Date.now()) ?? 0;
  if (wait > 0) {
    res.setHeader('retry-after', String(wait));
    recordViolation(settings.monitor, 'ingest');
    return rejection('rate_limited', 429, `Too many requests: retry in ${wait} s.`);
  }
  const typeError = contentTypeError(req);
  return typeError ? rejection('content_type', 415, typeError) : undefined;
}

/** Reads and checks the batch; a batch with any bad event is rejected whole. */
async function readBatch(
  req: MonitoredRequest,
  res: ServerResponse,
  { monitor, limits }: Settings,
): Promise<Rejection | { events: BatchEvent[] }> {
  const body = await readBody(req, limits.maxBodyBytes, limits.bodyTimeoutMillis);
  if (body.kind === 'aborted') {
    res.destroy();
    return handled;
  }
  if (body.kind === 'too_large') {
    res.setHeader('connection', 'close');
    const error = `Body is larger than ${limits.maxBodyBytes} bytes: send smaller batches.`;
    return rejection('too_large', 413, error);
  }
  if (body.kind === 'timeout') {
    res.setHeader('connection', 'close');
    const error = `Timed out after ${limits.bodyTimeoutMillis} ms reading the body: send the whole body without pauses.`;
    return rejection('timeout', 408, error);
  }
  if (body.kind === 'bad_encoding') return rejection('malformed', 400, 'Body is not valid UTF-8.');
  const parsed = parseBatch(body.text, limits.maxBatchEvents);
  if (!parsed.ok) return rejection('malformed', 400, parsed.error, { rejected: parsed.rejected });
  const rejected = parsed.events.flatMap((event, index) => checkEvent(monitor, event, index));
  if (rejected.length === 0) return { events: parsed.events };
  monitor.logger.warn(`Rejected an ingest batch with ${rejected.length} bad events.`);
  return rejection('invalid', 400, 'The batch has invalid events; none was counted.', { rejected });
}

// The largest delay that setTimeout honours; a longer one fires at once.
const MAX_TIMER_MILLIS = 2_147_483_647;

function eventIdsOption(value: IngestOptions['eventIds']) {
  if (value === undefined) return { maxKeys: 50_000 };
  return {
    maxKeys: integerOption('eventIds.maxKeys', value.maxKeys, 50_000),
    ttlMillis: integerOption('eventIds.ttlMillis', value.ttlMillis, 86_400_000),
  };
}

function recordBatch(
  monitor: MonitorLike,
  events: BatchEvent[],
  ids: ReturnType<typeof createDeduper>,
) {
  let accepted = 0;
  let duplicates = 0;
  const now = Date.now();
  for (const event of events) {
    if (event.id !== undefined && ids.seen(`${event.name}:${event.id}`, now)) {
      duplicates++;
      continue;
    }
    const outcome = monitor.record(event.name, event.properties);
    if (outcome === 'accepted') accepted++;
    else if (outcome === 'duplicate') duplicates++;
  }
  return { accepted, duplicates };
}

function checkEvent(monitor: MonitorLike, event: BatchEvent, index: number): RejectedEvent[] {
  const { name } = event;
  const definition = Object.hasOwn(monitor.catalog, name) ? monitor.catalog[name] : undefined;
  if (!definition)
    return [{ index, reason: 'unknown_event', message: `Unknown event ${show(name)}.` }];
  if (!definition.ingest) {
    const message = `Event ${show(name)} is not accepted from browsers: track it on the server.`;
    return [{ index, reason: 'forbidden', message }];
  }
  const result = validateEvent(definition, event.properties, 0);
  if (!result.ok) return [{ index, reason: 'invalid', message: result.message }];
  const unknown = unknownProperty(event.properties, result.event.properties);
  if (unknown === undefined) return [];
  const message = `Unknown property ${show(unknown)} in event ${show(name)}: remove it.`;
  return [{ index, reason: 'invalid', message }];
}

/**
 * Returns the first sent property that the schema's output dropped. Schemas such as valibot's
 * `object()` strip keys they do not declare, and a stripped key means the sender disagrees with
 * the catalog, so it is rejected rather than ignored.
 */
function unknownProperty(sent: unknown, output: Readonly<Record<string, unknown>>) {
  if (typeof sent !== 'object' || sent === null) return undefined;
  return Object.keys(sent).find((key) => !Object.hasOwn(output, key));
}

function contentTypeError(req: MonitoredRequest): string | undefined {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity')
    return `Content encoding ${show(encoding)} is not supported: send the body uncompressed.`;
  const [type = '', ...parameters] = (req.headers['content-type'] ?? '').split(';');
  const mediaType = type.trim().toLowerCase();
  if (mediaType === '') return 'Missing content type: send application/json or text/plain.';
  if (!BODY_TYPES.includes(mediaType)) {
    return `Unsupported content type ${show(mediaType)}: send application/json or text/plain.`;
  }
  const charset = charsetOf(parameters);
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return `Unsupported charset ${show(charset)}: send the body as UTF-8.`;
}

/** Returns the lower-case `charset` parameter of a content type, without quotes, if any. */
function charsetOf(parameters: readonly string[]): string | undefined {
  for (const parameter of parameters) {
    const [key = '', value = ''] = parameter.split('=');
    if (key.trim().toLowerCase() === 'charset')
      return value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return undefined;
}

/** Returns the address that the rate limit keys on: Express's `req.ip`, which honours `trust proxy`. */
function clientAddress(req: MonitoredRequest): string {
  return (req as { ip?: string }).ip ?? req.socket.remoteAddress ?? 'unknown';
}

function rejectCounter(monitor: MonitorLike) {
  const name = `${monitor.prefix}_ingest_rejected_total`;
  const counter = ensureMetric(monitor.registry, name, () => {
    const help = 'Requests that the ingest endpoint turned away, by reason.';
    return new Counter({ name, help, labelNames: ['reason'], registers: [] });
  });
  for (const reason of INGEST_REJECT_REASONS) counter.labels(reason).inc(0);
  return counter;
}
