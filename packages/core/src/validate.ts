import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AnyEventDefinition } from './event';

/** Label value that stands for every value outside a label's declared list. */
export const OTHER_LABEL_VALUE = 'other';

/** A validated event, as sinks receive it. */
export interface MonitorEvent {
  readonly name: string;
  /** Output of the event's schema. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Bounded label values, one per label that the definition declares. */
  readonly labels: Readonly<Record<string, string>>;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
}

export type ValidationResult =
  | { readonly ok: true; readonly event: MonitorEvent }
  | { readonly ok: false; readonly message: string };

/** Validates properties against an event's schema and derives its labels. */
export function validateEvent(
  definition: AnyEventDefinition,
  input: unknown,
  timestamp: number,
): ValidationResult {
  try {
    return validateOrThrow(definition, input, timestamp);
  } catch (error) {
    // A schema, a getter or a Proxy trap threw: the event is invalid, and the caller goes on.
    return { ok: false, message: `Invalid event: reading it failed (${describeFailure(error)}).` };
  }
}

function describeFailure(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).slice(0, 200);
  } catch {
    return 'unreadable error';
  }
}

function validateOrThrow(
  definition: AnyEventDefinition,
  input: unknown,
  timestamp: number,
): ValidationResult {
  const result = definition.schema['~standard'].validate(input);
  if (result instanceof Promise) {
    return {
      ok: false,
      message: `Event "${definition.name}" has an async schema, which is not supported.`,
    };
  }
  if (result.issues) {
    return {
      ok: false,
      message: `Invalid "${definition.name}" event: ${formatIssues(result.issues)}`,
    };
  }
  const properties = result.value;
  if (typeof properties !== 'object' || properties === null) {
    return {
      ok: false,
      message: `Invalid "${definition.name}" event: properties must be an object.`,
    };
  }
  const record = properties as Record<string, unknown>;
  return {
    ok: true,
    event: {
      name: definition.name,
      properties: record,
      labels: labelsOf(definition, record),
      timestamp,
    },
  };
}

type LabelSets = readonly (readonly [string, ReadonlySet<string>])[];

// Definitions are frozen, so their label sets are built once, off the per-event path.
const labelSetCache = new WeakMap<AnyEventDefinition, LabelSets>();

function labelSetsOf(definition: AnyEventDefinition): LabelSets {
  let sets = labelSetCache.get(definition);
  if (!sets) {
    sets = Object.entries(definition.labels).map(([label, values]) => [label, new Set(values)]);
    labelSetCache.set(definition, sets);
  }
  return sets;
}

function labelsOf(definition: AnyEventDefinition, properties: Record<string, unknown>) {
  const labels: Record<string, string> = {};
  for (const [label, allowed] of labelSetsOf(definition)) {
    const value = properties[label];
    labels[label] = typeof value === 'string' && allowed.has(value) ? value : OTHER_LABEL_VALUE;
  }
  return labels;
}

/** Formats schema issues as `path: message` pairs, at most five of them. Never throws. */
export function formatIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  if (!Array.isArray(issues)) return 'invalid input';
  try {
    return joinIssues(issues);
  } catch {
    return 'invalid input';
  }
}

function joinIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = (issue.path ?? [])
      .map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
      .join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${shown.join('; ')}${more}`;
}
