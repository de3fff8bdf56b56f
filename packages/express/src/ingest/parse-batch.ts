import { propertiesProblem, show, textProblem } from './check-value';

export { show } from './check-value';

/** A well-formed event of a batch, before its catalog checks. */
export interface BatchEvent {
  readonly name: string;
  readonly properties: unknown;
  readonly id?: string;
}

/** One rejected event of a batch, as the 400 response lists it. */
export interface RejectedEvent {
  index: number;
  reason: 'malformed' | 'duplicate_id' | 'unknown_event' | 'forbidden' | 'invalid';
  message: string;
}

export type ParsedBatch =
  | { readonly ok: true; readonly events: BatchEvent[] }
  | { readonly ok: false; readonly error: string; readonly rejected?: RejectedEvent[] };

const EVENT_KEYS = new Set(['name', 'properties', 'timestamp', 'id']);
const MAX_NAME_LENGTH = 64;
const MAX_ID_LENGTH = 128;

/**
 * Parses and checks the shape of a batch, `{"events":[{"name","properties","timestamp","id"}]}`,
 * strictly: unknown keys, prototype keys, deep nesting, wrong types, numbers that are not finite,
 * control characters and two different events under one id are rejected.
 */
export function parseBatch(text: string, maxEvents: number): ParsedBatch {
  if (text.trim() === '') return { ok: false, error: 'Body is empty: send {"events":[...]}.' };
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    return { ok: false, error: 'Body is not valid JSON: send {"events":[...]}.' };
  }
  if (!isPlainObject(batch) || !Array.isArray(batch.events) || batch.events.length === 0) {
    return { ok: false, error: 'Body must be an object with a non-empty "events" array.' };
  }
  const extra = Object.keys(batch).find((key) => key !== 'events');
  if (extra !== undefined) {
    return { ok: false, error: `Unknown field ${show(extra)} in the body: send only "events".` };
  }
  const events: unknown[] = batch.events;
  if (events.length > maxEvents) {
    return {
      ok: false,
      error: `Batch has ${events.length} events, more than ${maxEvents}: split it.`,
    };
  }
  const rejected = events.flatMap((event, index) => checkShape(event, index));
  if (rejected.length > 0) {
    return { ok: false, error: 'The batch has malformed events; none was counted.', rejected };
  }
  const conflicts = conflictingIds(events as BatchEvent[]);
  if (conflicts.length > 0) {
    const error = 'The batch uses one event id for different events; none was counted.';
    return { ok: false, error, rejected: conflicts };
  }
  return { ok: true, events: events as BatchEvent[] };
}

/**
 * Lists the events that reuse the `name` and `id` of an earlier event in the batch with other
 * contents. Only one of them could be counted, so the batch is rejected rather than losing one
 * silently. An exact repeat, as a retry may produce, is not listed and counts once.
 */
function conflictingIds(events: readonly BatchEvent[]): RejectedEvent[] {
  const firstSeen = new Map<string, { index: number; json: string }>();
  const rejected: RejectedEvent[] = [];
  events.forEach((event, index) => {
    if (event.id === undefined) return;
    const key = JSON.stringify([event.name, event.id]);
    const json = JSON.stringify(event);
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, { index, json });
    } else if (first.json !== json) {
      const message = `Event id ${show(event.id)} was already used at index ${first.index} for a different event: give each event its own id.`;
      rejected.push({ index, reason: 'duplicate_id', message });
    }
  });
  return rejected;
}

function checkShape(event: unknown, index: number): RejectedEvent[] {
  const problem = shapeProblem(event);
  return problem ? [{ index, reason: 'malformed', message: problem }] : [];
}

function shapeProblem(event: unknown): string | undefined {
  if (!isPlainObject(event)) return 'Each event must be an object.';
  const extra = Object.keys(event).find((key) => !EVENT_KEYS.has(key));
  if (extra !== undefined) {
    return `Unknown field ${show(extra)}: events have name, properties, timestamp and id.`;
  }
  const { name, properties, timestamp, id } = event;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    return `Each event needs a string "name" of 1 to ${MAX_NAME_LENGTH} characters.`;
  }
  const nameProblem = textProblem(name, 'name');
  if (nameProblem) return nameProblem;
  if (
    id !== undefined &&
    (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
  ) {
    return `"id" must be a string of 1 to ${MAX_ID_LENGTH} characters.`;
  }
  const idProblem = typeof id === 'string' ? textProblem(id, 'id') : undefined;
  if (idProblem) return idProblem;
  if (timestamp !== undefined && !isTimestamp(timestamp)) {
    return '"timestamp" must be a finite number of milliseconds since the Unix epoch, at least 0.';
  }
  if (properties !== undefined && !isPlainObject(properties)) {
    return '"properties" must be an object.';
  }
  return propertiesProblem(properties);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
