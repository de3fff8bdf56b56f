import type { MonitorEvent } from '@4site/monitor-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, createKpiSink, fourSiteCatalog } from '../src';
import { createCounts } from '../src/kpi/counts';
import { createKpiWindow } from '../src/kpi/kpi-window';
import { HOUR, MINUTE, manualClock, quietMonitor } from './helpers';

const COUNT_KEYS = Object.keys(createCounts()).sort();

// Any event name, including unknown ones, with any properties and any timestamp.
const anyEvent = fc.record({
  name: fc.oneof(fc.constantFrom(...Object.keys(fourSiteCatalog)), fc.string()),
  properties: fc.dictionary(
    fc.oneof(fc.constantFrom('channel', 'outcome', 'score', 'pageCount'), fc.string()),
    fc.oneof(fc.constantFrom(...CHANNELS), fc.string(), fc.double(), fc.integer()),
  ),
  labels: fc.constant({}),
  timestamp: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN)),
});

describe('KPI window', () => {
  it('keeps a fixed set of buckets and keys under any events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(10 * HOUR), anyEvent), { maxLength: 300 }),
        fc.integer({ min: 1, max: 120 }),
        (steps, bucketCount) => {
          const clock = manualClock();
          const window = createKpiWindow({ bucketCount });
          for (const [advance, event] of steps) {
            clock.advance(advance);
            window.add(event as MonitorEvent, clock.now());
          }

          expect(window.buckets).toHaveLength(bucketCount);
          for (const bucket of window.buckets) {
            expect(Object.keys(bucket.counts).sort()).toEqual(COUNT_KEYS);
            expect(Object.keys(bucket.counts.visitsByChannel)).toEqual([...CHANNELS]);
          }
          const { visitsByChannel, ...totals } = window.counts(clock.now());
          for (const value of [...Object.values(totals), ...Object.values(visitsByChannel)]) {
            expect(Number.isFinite(value)).toBe(true);
          }
        },
      ),
    );
  });

  it('never counts more events than it received', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2 * MINUTE), fc.constantFrom(...CHANNELS))),
        (visits) => {
          const clock = manualClock();
          const window = createKpiWindow();
          for (const [advance, channel] of visits) {
            clock.advance(advance);
            const event = {
              name: 'visit',
              properties: { channel },
              labels: {},
              timestamp: clock.now(),
            };
            window.add(event, clock.now());
          }

          expect(window.counts(clock.now()).visits).toBeLessThanOrEqual(visits.length);
        },
      ),
    );
  });
});

// One-time events with an id drawn from a small pool, so that ids repeat often.
const oneTimeEvent = fc.oneof(
  fc.record({
    name: fc.constant('site_generated' as const),
    id: fc.constantFrom('a', 'b', 'c'),
    outcome: fc.constantFrom('success' as const, 'failure' as const),
  }),
  fc.record({ name: fc.constant('referral' as const), id: fc.constantFrom('a', 'b', 'c') }),
  fc.record({
    name: fc.constant('lead' as const),
    id: fc.constantFrom('a', 'b', 'c'),
    score: fc.integer({ min: 0, max: 100 }),
  }),
);

type OneTimeEvent = typeof oneTimeEvent extends fc.Arbitrary<infer T> ? T : never;

function propertiesOf(event: OneTimeEvent): [string, Record<string, unknown>] {
  switch (event.name) {
    case 'site_generated':
      return [event.name, { generationId: event.id, outcome: event.outcome, durationSeconds: 1 }];
    case 'referral':
      return [event.name, { referralId: event.id }];
    case 'lead':
      return [event.name, { leadId: event.id, source: 'direct', score: event.score }];
  }
}

function snapshotAfter(events: readonly OneTimeEvent[]) {
  const clock = manualClock();
  const sink = createKpiSink({ now: clock.now });
  const monitor = quietMonitor([sink], clock.now);
  for (const event of events) {
    monitor.record(...propertiesOf(event));
    clock.advance(MINUTE / 4);
  }
  return { sink, monitor, snapshot: sink.snapshot() };
}

describe('idempotency keys', () => {
  it('counts each key once however often it repeats', () => {
    fc.assert(
      fc.property(fc.array(oneTimeEvent, { maxLength: 60 }), (events) => {
        const seen = new Set<string>();
        const firsts = events.filter((event) => {
          const key = `${event.name}:${event.id}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });

        const withRepeats = snapshotAfter(events);
        const withoutRepeats = snapshotAfter(firsts);

        expect(withRepeats.snapshot.counts).toEqual(withoutRepeats.snapshot.counts);
      }),
    );
  });

  it('ignores a replay of every event', () => {
    fc.assert(
      fc.property(fc.array(oneTimeEvent, { minLength: 1, maxLength: 30 }), (events) => {
        const { sink, monitor, snapshot } = snapshotAfter(events);

        for (const event of events) monitor.record(...propertiesOf(event));

        expect(sink.snapshot().counts).toEqual(snapshot.counts);
      }),
    );
  });
});
