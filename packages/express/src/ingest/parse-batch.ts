/** A well-formed event of a batch, before its catalog checks. */
export interface BatchEvent {
  readonly name: string;
  readonly properties: unknown;
  readonly id?: string;
}

/** One rejected event of a batch, as the 400 response lists it. */
export interface RejectedEvent {
  index: number;
  reason: 'malformed' | 'unknown_event' | 'forbidden' | 'invalid';
  message: string;
}

export type ParsedBatch =
  | { readonly ok: true; readonly events: BatchEvent[] }
  | { readonly ok: false; readonly error: string; readonly rejected?: RejectedEvent[] };

const EVENT_KEYS = new Set(['name', 'properties', 'timestamp', 'id']);
// Keys that would reach an object's prototype if a consumer ever merged the properties naively.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 6;
const MAX_NAME_LENGTH = 64;
const MAX_ID_LENGTH = 128;

/**
 * Parses and checks the shape of a batch, `{"events":[{"name","properties","timestamp","id"}]}`,
 * strictly: unknown keys, prototype keys, deep nesting and wrong types are rejected.
 */
export function parseBatch(text: string, maxEvents: number): ParsedBatch {
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
  return { ok: true, events: events as BatchEvent[] };
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
  if (
    id !== undefined &&
    (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
  ) {
    return `"id" must be a string of 1 to ${MAX_ID_LENGTH} characters.`;
  }
  if (timestamp !== undefined && !(typeof timestamp === 'number' && timestamp >= 0)) {
    return '"timestamp" must be a number of milliseconds since the Unix epoch.';
  }
  if (properties !== undefined && !isPlainObject(properties)) {
    return '"properties" must be an object.';
  }
  return nestingProblem(properties);
}

/** Walks a parsed value without recursion and reports prototype keys or too deep nesting. */
function nestingProblem(root: unknown): string | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return `"properties" is nested deeper than ${MAX_DEPTH} levels.`;
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `Field ${show(key)} is not allowed in "properties".`;
      stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quotes an untrusted string for an error message, shortened and with controls escaped. */
export function show(value: string): string {
  return JSON.stringify(value.slice(0, 64));
}
