import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './bundle';
import { type ChildRun, runFixture } from './child';
import type { Counts } from './resources';
import type { SeriesCounts } from './series';

// The soak took 49 to 57 s of CPU time and 135 to 264 s of wall time (Node 20, 2-core machine,
// load average 10 to 12), so the child gets up to 8 minutes before it is killed.
const KILL_AFTER_MILLIS = 480_000;
// After forced garbage collection, the heap of the second half may grow by this much. Every
// bounded structure is full by then, but the queue of the 50000 ingest ids compacts only once
// half of it is evicted, which saws the heap by about 3 MB. Over the 500000 events of the second
// half, a leak of 13 bytes per event would exceed this bound.
const SECOND_HALF_GROWTH_BYTES = 6 * 1024 * 1024;
const HEAP_CAP_BYTES = 64 * 1024 * 1024;
// The process ends on its own within this time once everything is closed.
const EXIT_MILLIS = 5000;
// Resource types whose count stays the same while the app runs.
const STEADY_TYPES = ['TCPSERVERWRAP', 'ELDHISTOGRAM', 'SIGNALWRAP', 'UDPWRAP'];
// Resource types that come and go with the traffic, but within a bound: each of the 16 kept-alive
// connections has a client and a server socket, and each server socket a keep-alive timer. A
// leak of one per request would pass these bounds within the first round.
const BOUNDED_TYPES = { Timeout: 40, TCPWRAP: 40 };
// Resource types of the process's own stdio, which outlive every test.
const STDIO_TYPES = new Set(['PipeWrap', 'TTYWrap']);

interface Checkpoint {
  round: number;
  heapUsed: number;
  series: SeriesCounts;
  live: Counts;
  listeners: Counts;
  server: Counts;
  accepted: number;
}

interface Closed {
  expectedVisits: number;
  kpiVisits: number;
  metricVisits: number;
  ingestStatuses: Counts;
  firstClose: boolean;
  secondClose: boolean;
  active: Counts;
  live: Counts;
  listeners: Counts;
  serverBefore: Counts;
  serverAfter: Counts;
}

interface Start {
  before: { active: Counts; listeners: Counts };
  labelCap: number;
  routeCap: number;
}

let run: ChildRun;
let start: Start;
let checkpoints: Checkpoint[];
let closed: Closed;

const pick = (counts: Counts, types: readonly string[]) =>
  Object.fromEntries(types.map((type) => [type, counts[type] ?? 0]));
const withoutStdio = (counts: Counts) =>
  Object.fromEntries(Object.entries(counts).filter(([type]) => !STDIO_TYPES.has(type)));

beforeAll(async () => {
  const script = await bundleFixture(join(import.meta.dirname, 'soak-app.ts'));
  run = await runFixture(script, {
    killAfterMillis: KILL_AFTER_MILLIS,
    lastLine: (line) => (line as { type?: string }).type === 'closed',
  });
  await rm(script);
  const ofType = (type: string) => run.lines.filter((line) => line.type === type);
  start = ofType('start')[0] as unknown as Start;
  checkpoints = ofType('checkpoint') as unknown as Checkpoint[];
  closed = ofType('closed')[0] as unknown as Closed;
  // Kept next to the bundle, for reading the heap and series numbers of the last run.
  await writeFile(join(dirname(script), 'soak-app-last-run.json'), JSON.stringify(run.lines));
}, KILL_AFTER_MILLIS + 10_000);

describe('soak of one million events and 10000 scrapes', () => {
  it('runs every round', () => {
    expect(run.stderr).toBe('');
    expect(run.killed).toBe(false);
    expect(checkpoints).toHaveLength(20);
    expect(closed).toBeDefined();
  });

  it('keeps the heap level in the second half', () => {
    const secondHalf = checkpoints.slice(10).map((checkpoint) => checkpoint.heapUsed);
    const growth = Math.max(...secondHalf) - (secondHalf[0] as number);

    expect(growth).toBeLessThan(SECOND_HALF_GROWTH_BYTES);
    expect(Math.max(...checkpoints.map((checkpoint) => checkpoint.heapUsed))).toBeLessThan(
      HEAP_CAP_BYTES,
    );
  });

  it('keeps series at their caps', () => {
    const halfway = checkpoints[9] as Checkpoint;
    for (const { series } of checkpoints.slice(10)) {
      expect(series.routes).toBe(start.routeCap + 1);
      expect(series.statuses).toBe(61);
      expect(series.pages).toBe(51);
      expect(series.tenants).toBeLessThanOrEqual(start.labelCap + 1);
      expect(series.samples).toBeLessThanOrEqual(halfway.series.samples * 1.05);
    }
  });

  it('leaks no timer, listener or server handle while running', () => {
    const first = checkpoints[0] as Checkpoint;
    for (const checkpoint of checkpoints) {
      expect(pick(checkpoint.live, STEADY_TYPES)).toEqual(pick(first.live, STEADY_TYPES));
      for (const [type, bound] of Object.entries(BOUNDED_TYPES)) {
        expect(checkpoint.live[type] ?? 0).toBeLessThanOrEqual(bound);
      }
      expect(checkpoint.listeners).toEqual(start.before.listeners);
      expect(checkpoint.server).toEqual(closed.serverBefore);
    }
  });

  it('counts every accepted visit once', () => {
    expect(closed.expectedVisits).toBeGreaterThan(50_000);
    expect(closed.kpiVisits).toBe(closed.expectedVisits);
    expect(closed.metricVisits).toBe(closed.expectedVisits);
    expect((checkpoints[19] as Checkpoint).accepted).toBeGreaterThan(700_000);
  });

  it('releases everything on close', () => {
    expect(closed.firstClose).toBe(true);
    expect(closed.secondClose).toBe(true);
    expect(withoutStdio(closed.active)).toEqual({});
    expect(pick(closed.live, [...STEADY_TYPES, ...Object.keys(BOUNDED_TYPES)])).toEqual({
      ...pick({}, [...STEADY_TYPES, ...Object.keys(BOUNDED_TYPES)]),
      // prom-client's event-loop-delay histogram, created once per process, never keeps it alive.
      ELDHISTOGRAM: 1,
    });
    expect(closed.listeners).toEqual(start.before.listeners);
    expect(closed.serverAfter).toEqual(closed.serverBefore);
  });

  it('exits on its own after close', () => {
    expect(run.code).toBe(0);
    expect(run.signal).toBeNull();
    expect(run.exitMillis).not.toBeNull();
    expect(run.exitMillis as number).toBeLessThan(EXIT_MILLIS);
  });
});
