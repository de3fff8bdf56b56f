import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChannelKind, startFault } from './alert-outages-setup';
import { bundleFixture } from './support/bundle';
import { runNode } from './support/run-node';

/**
 * The flush timeout that close() gets, and the time the process may take on top of it on a
 * loaded machine. A process held by one of these deliveries would take 60 s (the attempt
 * time-out) or more, and runNode() kills a child after 30 s.
 */
const FLUSH_MILLIS = 1000;
const TEARDOWN_MILLIS = 1500;

const CASES: [ChannelKind, string][] = [
  ['slack', 'down'],
  ['slack', 'hang'],
  ['slack', '500'],
  ['slack', '429'],
  ['slack', 'slow'],
  ['pagerduty', 'hang'],
  ['webhook', 'hang'],
  ['email', 'down'],
  ['email', 'hang'],
  ['email', 'hang-data'],
  ['email', '500'],
  ['email', '429'],
  ['email', 'slow'],
];

let script: string;

beforeAll(async () => {
  script = await bundleFixture(join(import.meta.dirname, 'alert-outages-app.ts'));
});

/** Runs the fixture against a broken server; returns the ms from "closing" to the exit. */
async function timeToExit(kind: ChannelKind, mode: string, trigger: 'close' | 'signal') {
  // A 30 s Retry-After is under the 60 s cap, so the channel waits it unless close() ends it.
  const server = await startFault(kind, mode as 'hang', {
    retryAfterSeconds: 30,
    slowMillis: 30_000,
  });
  let closingAt = 0;
  try {
    const run = await runNode(
      [script],
      {
        ALERT_KIND: kind,
        ALERT_URL: server.url,
        ALERT_PORT: String(server.port),
        FLUSH_MILLIS: String(FLUSH_MILLIS),
        CLOSE_HOW: trigger,
      },
      (out, kill) => {
        if (closingAt || !out.includes('closing\n')) return;
        closingAt = Date.now();
        if (trigger === 'signal') kill('SIGTERM');
      },
    );
    const millis = Date.now() - closingAt;
    process.stdout.write(`exit ${kind} ${mode} ${trigger}: ${millis} ms\n`);
    return { run, millis, closingAt };
  } finally {
    await server.close();
  }
}

describe('process exit with a broken channel', () => {
  it.each(CASES)('exits within the flush timeout: %s %s', async (kind, mode) => {
    const { run, millis, closingAt } = await timeToExit(kind, mode, 'close');

    expect(closingAt, run.stderr).toBeGreaterThan(0);
    expect(run.stdout).toContain('closed false');
    expect(run.code).toBe(0);
    expect(millis).toBeLessThan(FLUSH_MILLIS + TEARDOWN_MILLIS);
  });

  it.each([
    ['slack', 'hang'],
    ['email', 'hang-data'],
  ] as const)('exits on SIGTERM within the flush timeout: %s %s', async (kind, mode) => {
    const { run, millis, closingAt } = await timeToExit(kind, mode, 'signal');

    expect(closingAt, run.stderr).toBeGreaterThan(0);
    expect(run.stdout).toContain('app stopping');
    expect(run.code).toBe(0);
    expect(millis).toBeLessThan(FLUSH_MILLIS + TEARDOWN_MILLIS);
  });
});
