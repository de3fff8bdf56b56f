import { type AnyEventDefinition, defineCatalog, defineEvent } from '@4site/monitor-core';

/** Label values that a text exposition must escape: quotes, backslashes, newlines, unicode. */
export const HOSTILE_VALUES = ['say "hi"', 'back\\slash', 'two\nlines', 'ünï©ødé ✓', '{}=,'];

// A minimal Standard Schema that accepts any object, so the test needs no validator library.
const anyObject: AnyEventDefinition['schema'] = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) =>
      typeof value === 'object' && value !== null
        ? { value }
        : { issues: [{ message: 'Expected an object' }] },
  },
};

/** A catalog whose one browser event has a label with hostile declared values. */
export const hostileCatalog = defineCatalog(
  defineEvent({
    name: 'odd',
    metric: 'odd_events',
    schema: anyObject,
    labels: { kind: HOSTILE_VALUES },
    ingest: true,
  }),
);
