import { initMonitor, type NodeMonitor } from '@4site/monitor-node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fault,
  type FaultServer,
  type SentryIntake,
  sentryIntake,
  startFaultServer,
} from '../../../node/test/support/fault-server';
import {
  compareLatency,
  heapAfterGc,
  measureLatency,
  type OutageApp,
  readVendorDrops,
  startOutageApp,
  totalDrops,
  withinMargin,
} from './load';

// Requests per load run, a quarter of them to the throwing route, so 40 errors reach Sentry.
const REQUESTS = 160;
const ERRORS = REQUESTS / 4;
const SEND_TIMEOUT_MILLIS = 2000;
let intake: SentryIntake;
let server: FaultServer;
let baselineApp: OutageApp;

beforeAll(async () => {
  intake = sentryIntake();
  server = await startFaultServer({ handler: intake.handler });
  // The baseline app has no vendor at all; it also warms up the JIT and the HTTP client.
  baselineApp = await startOutageApp(express, undefined);
  await measureLatency(baselineApp.url, REQUESTS);
});

afterAll(async () => {
  await baselineApp.close();
  await server.close();
});

function startMonitor(): NodeMonitor {
  return initMonitor({
    prometheus: { defaultMetrics: false },
    sentry: {
      dsn: `http://key@127.0.0.1:${server.port}/1`,
      sendTimeoutMillis: SEND_TIMEOUT_MILLIS,
    },
  });
}

// Each fault with the reason its drops are counted under. A slow intake that responds within
// the send timeout loses nothing.
const faults: [string, Fault, string | undefined][] = [
  ['healthy', { mode: 'ok' }, undefined],
  ['down', { mode: 'down' }, 'network_error'],
  ['hanging', { mode: 'hang' }, 'timeout'],
  ['answering 500', { mode: 'error' }, 'http_error'],
  ['answering 429', { mode: 'rate_limited', retryAfterSeconds: 30 }, 'rate_limited'],
  ['slow', { mode: 'slow', slowMillis: 1500 }, undefined],
];

describe('Sentry intake outage', () => {
  it.each(faults)('keeps latency and counts drops while %s', async (_name, fault, reason) => {
    await server.setFault(fault);
    const accepted = intake.eventIds.length;
    const monitor = startMonitor();
    const app = await startOutageApp(express, monitor);
    await measureLatency(app.url, 40, { errorEvery: Number.POSITIVE_INFINITY });

    const { baseline, latency } = await compareLatency(baselineApp.url, app.url, REQUESTS);
    await monitor.close(SEND_TIMEOUT_MILLIS * 2);
    const drops = await readVendorDrops(app.url, 'sentry');
    await app.close();
    const delivered = intake.eventIds.length - accepted;

    expect(withinMargin(latency, baseline), JSON.stringify({ latency, baseline })).toBe(true);
    if (reason) expect(drops[reason], JSON.stringify(drops)).toBeGreaterThan(0);
    else expect(delivered).toBe(ERRORS);
    expect(delivered + totalDrops(drops)).toBe(ERRORS);
  });

  it('keeps the heap bounded under a hanging intake', async () => {
    await server.setFault({ mode: 'hang' });
    const monitor = startMonitor();
    const app = await startOutageApp(express, monitor);
    await measureLatency(app.url, 100, { errorEvery: 1 });
    const before = heapAfterGc();

    await measureLatency(app.url, 800, { errorEvery: 1, concurrency: 16 });
    const after = heapAfterGc();
    const drops = await readVendorDrops(app.url, 'sentry');
    await monitor.close(SEND_TIMEOUT_MILLIS);
    await app.close();

    // Sentry keeps at most 64 envelopes in its transport buffer (transportOptions.bufferSize),
    // a few kilobytes each, so 800 more errors may not grow the heap by more than 16 MB.
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
    expect(drops.queue_full).toBeGreaterThan(0);
    // All 900 errors are dropped, except those still in Sentry's two 64-slot queues (the client's
    // and the transport's), which are counted when close() ends them.
    expect(totalDrops(drops)).toBeGreaterThanOrEqual(900 - 2 * 64);
  });
});
