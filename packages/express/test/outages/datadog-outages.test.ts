import { createRequire } from 'node:module';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import type express5 from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIET_DD_TRACE_ENV } from '../../../node/test/support/datadog-agent';
import {
  type Fault,
  type FaultServer,
  type FaultyDogStatsD,
  startFaultServer,
  startFaultyDogStatsD,
  type TraceAgentIntake,
  traceAgentIntake,
} from '../../../node/test/support/fault-server';
import {
  compareLatency,
  heapAfterGc,
  measureLatency,
  type OutageApp,
  readVendorDrops,
  startOutageApp,
  withinMargin,
} from './load';

// dd-trace patches Express when Express is required, and it starts once per process, so this
// file starts the monitor first and requires Express after. The baseline is an app without the
// SDK's middleware while the agent is healthy: dd-trace cannot be turned off again in-process.
const REQUESTS = 160;
let intake: TraceAgentIntake;
let agent: FaultServer;
let statsd: FaultyDogStatsD;
let monitor: NodeMonitor;
let express: typeof express5;
let baselineApp: OutageApp;

beforeAll(async () => {
  intake = traceAgentIntake();
  agent = await startFaultServer({ handler: intake.handler });
  statsd = await startFaultyDogStatsD();
  Object.assign(process.env, QUIET_DD_TRACE_ENV);
  monitor = createNodeMonitor({
    prometheus: { defaultMetrics: false },
    datadog: {
      url: agent.url,
      flushInterval: 100,
      dogstatsd: { hostname: '127.0.0.1', port: statsd.port, flushIntervalMillis: 50 },
    },
  });
  express = createRequire(import.meta.url)('express') as typeof express5;
  baselineApp = await startOutageApp(express, undefined);
  await measureLatency(baselineApp.url, REQUESTS);
});

afterAll(async () => {
  await baselineApp.close();
  await monitor.close(2000);
  await Promise.all([agent.close(), statsd.close()]);
});

const faults: [string, Fault][] = [
  ['healthy', { mode: 'ok' }],
  ['down', { mode: 'down' }],
  ['hanging', { mode: 'hang' }],
  ['answering 500', { mode: 'error' }],
  ['answering 429', { mode: 'rate_limited', retryAfterSeconds: 30 }],
  ['slow', { mode: 'slow', slowMillis: 1500 }],
];

describe('trace agent outage', () => {
  it.each(faults)('keeps request latency while the agent is %s', async (_name, fault) => {
    await agent.setFault(fault);
    const app = await startOutageApp(express, monitor);
    await measureLatency(app.url, 40, { errorEvery: Number.POSITIVE_INFINITY });

    const { baseline, latency } = await compareLatency(baselineApp.url, app.url, REQUESTS);
    await app.close();

    expect(withinMargin(latency, baseline), JSON.stringify({ latency, baseline })).toBe(true);
  });

  it('keeps the heap bounded under a hanging agent', async () => {
    await agent.setFault({ mode: 'hang' });
    const app = await startOutageApp(express, monitor);
    await measureLatency(app.url, 100);
    const before = heapAfterGc();

    await measureLatency(app.url, 800, { concurrency: 16 });
    const after = heapAfterGc();
    await app.close();

    // dd-trace 5.132 abandons each agent request after 2 s and keeps at most 64 MB of payloads
    // in flight (exporters/common/request.js). This run stays far below that: 16 MB is the cap.
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('DogStatsD agent outage', () => {
  it('keeps request latency and counts refused lines', async () => {
    await agent.setFault({ mode: 'ok' });
    await statsd.stop();
    const app = await startOutageApp(express, monitor);
    const before = await readVendorDrops(app.url, 'dogstatsd');

    const { baseline, latency } = await compareLatency(baselineApp.url, app.url, REQUESTS);
    for (let i = 0; i < 100; i++) monitor.track('share', { platform: 'link' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await readVendorDrops(app.url, 'dogstatsd');
    await app.close();
    await statsd.start();

    expect(withinMargin(latency, baseline), JSON.stringify({ latency, baseline })).toBe(true);
    expect((after.network_error ?? 0) - (before.network_error ?? 0)).toBeGreaterThan(0);
  });
});
