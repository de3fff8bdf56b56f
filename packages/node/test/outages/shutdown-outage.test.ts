import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from '../support/bundle';
import { QUIET_DD_TRACE_ENV } from '../support/datadog-agent';
import {
  type FaultServer,
  type FaultyDogStatsD,
  sentryIntake,
  startFaultServer,
  startFaultyDogStatsD,
  traceAgentIntake,
} from '../support/fault-server';
import { runNode } from '../support/run-node';

// The flush timeout that close() gets, and the time the process may take on top of it to tear
// down on a loaded machine: a process held by a hanging request would take 60 s (its send
// timeout) or forever.
const FLUSH_TIMEOUT_MILLIS = 2000;
const TEARDOWN_MILLIS = 2000;
let sentry: FaultServer;
let agent: FaultServer;
let statsd: FaultyDogStatsD;
let script: string;

beforeAll(async () => {
  sentry = await startFaultServer({ handler: sentryIntake().handler, fault: { mode: 'hang' } });
  agent = await startFaultServer({ handler: traceAgentIntake().handler, fault: { mode: 'hang' } });
  statsd = await startFaultyDogStatsD();
  await statsd.stop();
  script = await bundleFixture(join(import.meta.dirname, 'fixtures', 'outage-app.ts'));
});

afterAll(async () => {
  await Promise.all([sentry.close(), agent.close(), statsd.close()]);
});

/** Runs the fixture and returns the milliseconds from "ready" to the process's exit. */
async function timeToExit(how: 'signal' | 'close') {
  let readyAt = 0;
  const run = await runNode(
    [script, how],
    {
      ...QUIET_DD_TRACE_ENV,
      SENTRY_DSN: `http://key@127.0.0.1:${sentry.port}/1`,
      AGENT_URL: agent.url,
      STATSD_PORT: String(statsd.port),
      FLUSH_TIMEOUT: String(FLUSH_TIMEOUT_MILLIS),
    },
    (out, kill) => {
      if (readyAt === 0 && out.includes('ready\n')) {
        readyAt = performance.now();
        if (how === 'signal') kill('SIGTERM');
      }
    },
  );
  return { elapsed: performance.now() - readyAt, run };
}

describe('shutdown under hanging vendors', () => {
  it('ends on SIGTERM within the flush timeout', async () => {
    await agent.setFault({ mode: 'hang' });

    const { elapsed, run } = await timeToExit('signal');

    expect(run.signal, run.stderr).toBe('SIGTERM');
    expect(elapsed).toBeLessThan(FLUSH_TIMEOUT_MILLIS + TEARDOWN_MILLIS);
  });

  // NOTE: with a hanging trace agent, dd-trace 5.132 keeps its own retries of each payload in
  // flight for up to about 30 s after close(), so this case runs with a healthy agent.
  it('lets the process end after close()', async () => {
    await agent.setFault({ mode: 'ok' });

    const { elapsed, run } = await timeToExit('close');

    expect(run.code, run.stderr).toBe(0);
    expect(elapsed).toBeLessThan(FLUSH_TIMEOUT_MILLIS + TEARDOWN_MILLIS);
  });
});
