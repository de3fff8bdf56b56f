import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './bundle';
import { type ChildRun, runFixture } from './child';
import type { Counts } from './resources';

// 1000 cycles took 7 s of CPU time and 30 s of wall time (Node 20, 2-core machine, load average
// 10). A loaded machine stretches the wall time, so the child gets up to 3 minutes.
const KILL_AFTER_MILLIS = 180_000;
// 999 monitors left behind would hold well over 100 MB; the leftovers of garbage collection
// timing stay far below this bound.
const HEAP_GROWTH_BYTES = 4 * 1024 * 1024;
// Resource types that the SDK could leave behind: timers, sockets, servers, signal handlers,
// event-loop-delay histograms and UDP sockets (DogStatsD).
const LEAKABLE_TYPES = [
  'Timeout',
  'TCPWRAP',
  'TCPSERVERWRAP',
  'ELDHISTOGRAM',
  'SIGNALWRAP',
  'UDPWRAP',
];

interface Snapshot {
  heapUsed: number;
  active: Counts;
  live: Counts;
  listeners: Counts;
  server: Counts;
}

interface Cycles {
  cycles: number;
  firstStatuses: number[];
  before: Snapshot;
  after: Snapshot;
}

let run: ChildRun;
let result: Cycles;

const pick = (counts: Counts, types: readonly string[]) =>
  Object.fromEntries(types.map((type) => [type, counts[type] ?? 0]));

beforeAll(async () => {
  const script = await bundleFixture(join(import.meta.dirname, 'monitor-cycle.ts'));
  run = await runFixture(script, {
    killAfterMillis: KILL_AFTER_MILLIS,
    lastLine: (line) => 'cycles' in line,
  });
  await rm(script);
  result = run.lines[0] as unknown as Cycles;
}, KILL_AFTER_MILLIS + 10_000);

describe('1000 monitors created and closed', () => {
  it('serves each monitor before closing it', () => {
    expect(run.stderr).toBe('');
    expect(run.killed).toBe(false);
    expect(result.cycles).toBe(1000);
    expect(result.firstStatuses).toEqual([200, 500, 200]);
  });

  it('leaves the resource counts where they started', () => {
    expect(result.after.active).toEqual(result.before.active);
    expect(pick(result.after.live, LEAKABLE_TYPES)).toEqual(
      pick(result.before.live, LEAKABLE_TYPES),
    );
  });

  it('leaves the process and server listeners where they started', () => {
    expect(result.after.listeners).toEqual(result.before.listeners);
    expect(result.after.server).toEqual(result.before.server);
  });

  it('leaves the heap where it started', () => {
    expect(result.after.heapUsed - result.before.heapUsed).toBeLessThan(HEAP_GROWTH_BYTES);
  });

  it('exits on its own', () => {
    expect(run.code).toBe(0);
    expect(run.signal).toBeNull();
    expect(run.exitMillis as number).toBeLessThan(5000);
  });
});
