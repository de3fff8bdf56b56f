import type { MonitorEvent } from '@4site/monitor-core';

/** One event waiting in the transport queue, already serialized. */
export interface QueuedEvent {
  /**
   * Random id of the event, sent as its `id` field and kept across retries and reloads, so the
   * server counts an event that arrives twice once.
   */
  readonly id: string;
  /** The event as the ingest endpoint reads it: `{"id","name","properties","timestamp"}`. */
  readonly json: string;
  /** UTF-8 length of `json`. */
  readonly bytes: number;
  /** Failed deliveries so far. */
  readonly attempts: number;
}

const BODY_PREFIX = '{"events":[';
const BODY_SUFFIX = ']}';

/** Bytes of a request body around its events, so an event fits only if it is this much smaller. */
export const BODY_OVERHEAD_BYTES = BODY_PREFIX.length + BODY_SUFFIX.length;

let encoder: TextEncoder | undefined;

/**
 * Serializes a validated event into the ingest wire format. The endpoint rejects any other
 * top-level field, so vendor-only data such as the landing attribution never goes here.
 */
export function encodeEvent(event: MonitorEvent): QueuedEvent {
  const id = newEventId();
  const json = JSON.stringify({
    id,
    name: event.name,
    properties: event.properties,
    timestamp: event.timestamp,
  });
  encoder ??= new TextEncoder();
  return { id, json, bytes: encoder.encode(json).byteLength, attempts: 0 };
}

/** Returns a random id: a UUID where the browser has `crypto.randomUUID`, else 32 hex digits. */
export function newEventId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues === 'function') {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  // Without Web Crypto the id only has to be unique enough for the server's dedup window.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 14)}`;
}

/**
 * Removes and returns the first events of the queue that fit in one request: at most
 * `maxEvents` events and a body of at most `maxBytes` bytes.
 */
export function takeBatch(queue: QueuedEvent[], maxEvents: number, maxBytes: number) {
  let bytes = BODY_OVERHEAD_BYTES;
  let count = 0;
  for (const item of queue) {
    // Every event after the first adds a comma.
    const next = bytes + item.bytes + (count > 0 ? 1 : 0);
    if (count === maxEvents || next > maxBytes) break;
    bytes = next;
    count++;
  }
  return queue.splice(0, count);
}

/** Builds the request body `{"events":[...]}` of a batch. */
export function toBody(batch: readonly QueuedEvent[]): string {
  return `${BODY_PREFIX}${batch.map((item) => item.json).join(',')}${BODY_SUFFIX}`;
}
