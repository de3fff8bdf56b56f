import type { StandardSchemaV1 } from '@standard-schema/spec';
import { MonitorError } from './errors';

/** Allowed values of each label, keyed by the event property that sets the label. */
export type LabelValues = Readonly<Record<string, readonly string[]>>;

/** One business event: its schema, the counter it drives and the labels that counter has. */
export interface EventDefinition<
  Name extends string = string,
  Schema extends StandardSchemaV1 = StandardSchemaV1,
> {
  readonly name: Name;
  /** Any Standard Schema validator that validates synchronously (valibot, zod, arktype). */
  readonly schema: Schema;
  /** Counter base name: `referrals` becomes `foursite_referrals_total`. */
  readonly metric: string;
  /** Properties that become labels, each with its closed list of values. Default: none. */
  readonly labels: LabelValues;
  /** Property that names a one-time occurrence; repeats of its value count once. */
  readonly idempotencyKey?: string;
  /** Whether browsers may send this event to the public ingest endpoint. Default: false. */
  readonly ingest: boolean;
}

export type AnyEventDefinition = EventDefinition<string, StandardSchemaV1>;

/** Event definitions keyed by event name. */
export type Catalog = Readonly<Record<string, AnyEventDefinition>>;

export type EventName<C extends Catalog> = keyof C & string;

/** Properties that `track(name, properties)` takes for an event of the catalog. */
export type EventProperties<
  C extends Catalog,
  N extends EventName<C>,
> = StandardSchemaV1.InferInput<C[N]['schema']>;

type DefinitionInput<Name extends string, Schema extends StandardSchemaV1> = Omit<
  EventDefinition<Name, Schema>,
  'labels' | 'ingest'
> & { labels?: LabelValues; ingest?: boolean };

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Defines a business event. Throws a MonitorError at start-up when a name would make an
 * invalid Prometheus series, because a bad definition is a programming error.
 */
export function defineEvent<const Name extends string, Schema extends StandardSchemaV1>(
  input: DefinitionInput<Name, Schema>,
): EventDefinition<Name, Schema> {
  if (!SNAKE_CASE.test(input.name)) {
    throw new MonitorError(
      `Invalid event name "${input.name}": use snake_case letters, digits and underscores.`,
    );
  }
  if (!SNAKE_CASE.test(input.metric) || input.metric.endsWith('_total')) {
    throw new MonitorError(
      `Invalid metric "${input.metric}" for event "${input.name}": use snake_case without the _total suffix, which the SDK adds.`,
    );
  }
  const labels = input.labels ?? {};
  for (const [label, values] of Object.entries(labels)) {
    checkLabel(input.name, label, values);
  }
  return Object.freeze({
    ...input,
    labels: Object.freeze({ ...labels }),
    ingest: input.ingest ?? false,
  });
}

function checkLabel(event: string, label: string, values: readonly string[]): void {
  if (!LABEL_NAME.test(label) || label.startsWith('__')) {
    throw new MonitorError(
      `Invalid label "${label}" for event "${event}": use a Prometheus label name.`,
    );
  }
  if (values.length === 0) {
    throw new MonitorError(
      `Label "${label}" of event "${event}" lists no values: list every allowed value.`,
    );
  }
}

/** Builds a catalog from definitions and throws a MonitorError on a duplicate name. */
export function defineCatalog<const Defs extends readonly AnyEventDefinition[]>(
  ...definitions: Defs
): { readonly [D in Defs[number] as D['name']]: D } {
  const catalog: Record<string, AnyEventDefinition> = {};
  for (const definition of definitions) {
    if (catalog[definition.name]) {
      throw new MonitorError(
        `Duplicate event "${definition.name}" in the catalog: give each event its own name.`,
      );
    }
    catalog[definition.name] = definition;
  }
  return Object.freeze(catalog) as { readonly [D in Defs[number] as D['name']]: D };
}
