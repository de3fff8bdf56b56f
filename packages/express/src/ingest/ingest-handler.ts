import type { ServerResponse } from 'node:http';
import { validateEvent } from '@4site/monitor-core';
import { type Handler, type MonitoredRequest, sendJson } from './http-types';
import type { MonitorLike } from './monitor-like';
import { readBody } from './read-body';

/** Limits of the public ingest endpoint. */
export interface IngestOptions {
  /** Largest accepted body in bytes. Default: 65536, the `sendBeacon` limit in Chromium. */
  maxBodyBytes?: number;
  /** Maximum events in one batch. Default: 100. */
  maxBatchEvents?: number;
}

/** One rejected event of a batch, as the 400 response lists it. */
export interface RejectedEvent {
  index: number;
  reason: 'malformed' | 'unknown_event' | 'forbidden' | 'invalid';
  message: string;
}

const JSON_TYPES = ['application/json', 'text/plain'];

/**
 * Accepts batched events from browsers: `{"events":[{"name","properties"}]}` sent as JSON or as
 * the text/plain string that `navigator.sendBeacon` sends. A batch with any bad event gets a 400
 * that lists every problem, and none of its events is counted.
 */
export function ingestHandler(monitor: MonitorLike, options: IngestOptions = {}): Handler {
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const maxBatchEvents = options.maxBatchEvents ?? 100;

  return (req, res) => {
    handleIngest(monitor, req, res, { maxBodyBytes, maxBatchEvents }).catch((error: unknown) => {
      monitor.logger.error('The ingest endpoint failed.', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error while ingesting events.' });
    });
  };
}

async function handleIngest(
  monitor: MonitorLike,
  req: MonitoredRequest,
  res: ServerResponse,
  limits: Required<IngestOptions>,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, {
      error: `Method ${req.method} is not allowed: send events with POST.`,
    });
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_TYPES.includes(mediaType)) {
    return sendJson(res, 415, {
      error: `Unsupported content type "${mediaType}": send application/json or text/plain.`,
    });
  }
  const body = await readBody(req, limits.maxBodyBytes);
  if (body.kind === 'too_large') {
    res.setHeader('connection', 'close');
    return sendJson(res, 413, {
      error: `Body is larger than ${limits.maxBodyBytes} bytes: send smaller batches.`,
    });
  }
  const parsed = parseBatch(body.value, limits.maxBatchEvents);
  if ('error' in parsed) return sendJson(res, 400, { error: parsed.error });

  const rejected = parsed.events.flatMap((event, index) => checkEvent(monitor, event, index));
  if (rejected.length > 0) {
    monitor.logger.warn(`Rejected an ingest batch with ${rejected.length} bad events.`);
    return sendJson(res, 400, {
      error: 'The batch has invalid events; none was counted.',
      rejected,
    });
  }
  let accepted = 0;
  let duplicates = 0;
  for (const event of parsed.events as { name: string; properties: unknown }[]) {
    const outcome = monitor.record(event.name, event.properties);
    if (outcome === 'accepted') accepted++;
    else if (outcome === 'duplicate') duplicates++;
  }
  sendJson(res, 202, { accepted, duplicates });
}

function parseBatch(body: unknown, maxEvents: number): { events: unknown[] } | { error: string } {
  let batch = body;
  if (typeof body === 'string') {
    try {
      batch = JSON.parse(body);
    } catch {
      return { error: 'Body is not valid JSON: send {"events":[...]}.' };
    }
  }
  const events = (batch as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length === 0) {
    return { error: 'Body must be an object with a non-empty "events" array.' };
  }
  if (events.length > maxEvents) {
    return { error: `Batch has ${events.length} events, more than ${maxEvents}: split it.` };
  }
  return { events };
}

function checkEvent(monitor: MonitorLike, event: unknown, index: number): RejectedEvent[] {
  const { name, properties } = (event ?? {}) as { name?: unknown; properties?: unknown };
  if (typeof name !== 'string') {
    return [{ index, reason: 'malformed', message: 'Each event needs a string "name".' }];
  }
  const shownName = JSON.stringify(name.slice(0, 64));
  const definition = Object.hasOwn(monitor.catalog, name) ? monitor.catalog[name] : undefined;
  if (!definition) {
    return [{ index, reason: 'unknown_event', message: `Unknown event ${shownName}.` }];
  }
  if (!definition.ingest) {
    const message = `Event ${shownName} is not accepted from browsers: track it on the server.`;
    return [{ index, reason: 'forbidden', message }];
  }
  const result = validateEvent(definition, properties, 0);
  return result.ok ? [] : [{ index, reason: 'invalid', message: result.message }];
}
