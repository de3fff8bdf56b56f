import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createAlerting } from '../src';
import {
  CHANNEL_KINDS,
  channelFor,
  failedCount,
  probeMonitor,
  probeRules,
} from './alert-outages-setup';
import { FAULT_MODES, type FaultMode } from './support/alert-fault-servers';
import { bundleFixture } from './support/bundle';

const RULES = 5;
const WINDOW_MILLIS = 2000;
const CONCURRENCY = 4;
/**
 * Margins of a run with broken channels against a baseline without channels run just before:
 * p50 within 3 times the baseline's plus 25 ms, p95 within 4 times plus 150 ms. The app and the
 * alerting share one event loop, so the margins only absorb the noise of a 2-core machine shared
 * with other jobs. A delivery on the request path would add its attempt time-out (300 ms, twice
 * with the retry) to p50, and work that blocks the event loop for most of each evaluation
 * interval shows in p50 and p95.
 */
const P50_RATIO = 3;
const P50_SLACK_MILLIS = 25;
const P95_RATIO = 4;
const P95_SLACK_MILLIS = 150;

const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;

const summary = (sorted: number[]) =>
  `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, ${sorted.length} requests`;

/** Starts an Express 5 app whose route does a little work and counts its requests. */
async function startApp() {
  const app = express();
  let served = 0;
  app.get('/work', (_request, response) => {
    served += 1;
    const items = Array.from({ length: 200 }, (_, index) => ({ index, square: index * index }));
    response.json({ served, total: items.reduce((sum, item) => sum + item.square, 0) });
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/work`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends requests from CONCURRENCY loops for WINDOW_MILLIS; returns the sorted latencies. */
async function measure(url: string): Promise<number[]> {
  const latencies: number[] = [];
  const end = Date.now() + WINDOW_MILLIS;
  const loop = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return latencies.sort((a, b) => a - b);
}

/**
 * Starts the four fault servers in a child process, as a vendor would be on another host, so
 * their work does not slow the app's event loop. `stop()` returns their connection count.
 */
async function startRemoteFaults(mode: FaultMode) {
  const script = await bundleFixture(join(import.meta.dirname, 'alert-outages-servers-app.ts'));
  const child = spawn(process.execPath, [script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const servers = JSON.parse(String(first.value)) as { url: string; port: number }[];
  let stopped: Promise<number> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      child.kill('SIGTERM');
      const counts = await lines.next();
      await exited;
      if (counts.done) return 0;
      return (JSON.parse(String(counts.value)) as { connections: number }).connections;
    })();
    return stopped;
  };
  return { servers, stop };
}

/**
 * Serves the app while the alerting evaluator fires RULES alerts every second into the four
 * channels, each broken in `mode`, or into no channel when `mode` is undefined.
 */
async function runWith(mode: FaultMode | undefined) {
  const remote = mode ? await startRemoteFaults(mode) : undefined;
  const delivery = { timeoutMillis: 300, retries: 1, backoffMillis: 50 };
  const channels = (remote?.servers ?? []).map((server, index) =>
    channelFor(CHANNEL_KINDS[index] as (typeof CHANNEL_KINDS)[number], server, delivery),
  );
  const { monitor, setProbes } = probeMonitor();
  setProbes(RULES, 1);
  const alerting = createAlerting(monitor, {
    intervalMillis: 1000,
    rules: probeRules(RULES),
    channels,
    groupBy: ['alertname'],
  });
  const app = await startApp();
  try {
    // One evaluation now, so deliveries overlap the whole window; the interval adds more.
    void alerting.evaluate();
    const latencies = await measure(app.url);
    const failed = await failedCount(monitor, 'slack');
    await monitor.close(1000);
    const attempts = (await remote?.stop()) ?? 0;
    return { latencies, attempts, failed };
  } finally {
    await monitor.close(1000);
    await app.close();
    await remote?.stop();
  }
}

describe('host app latency', () => {
  it('keeps its latency with broken channels', async () => {
    const log = (row: string) => process.stdout.write(`latency ${row}\n`);

    for (const mode of FAULT_MODES) {
      // A baseline right before each run, so load that other jobs put on the machine meanwhile
      // weighs on both alike.
      const baseline = await runWith(undefined);
      const run = await runWith(mode);
      const p50Limit = percentile(baseline.latencies, 0.5) * P50_RATIO + P50_SLACK_MILLIS;
      const p95Limit = percentile(baseline.latencies, 0.95) * P95_RATIO + P95_SLACK_MILLIS;
      const p50 = percentile(run.latencies, 0.5);
      const p95 = percentile(run.latencies, 0.95);
      log(`${mode}: none ${summary(baseline.latencies)}`);
      log(`${mode}: broken ${summary(run.latencies)}, ${run.attempts} connections`);

      expect(run.latencies.length, `${mode}: requests served`).toBeGreaterThan(20);
      expect(p50, `${mode}: p50 within ${p50Limit.toFixed(1)} ms`).toBeLessThanOrEqual(p50Limit);
      expect(p95, `${mode}: p95 within ${p95Limit.toFixed(1)} ms`).toBeLessThanOrEqual(p95Limit);
      if (mode !== 'down') {
        expect(run.attempts, `${mode}: channels were tried`).toBeGreaterThan(0);
      }
      if (mode !== 'slow') expect(run.failed, `${mode}: failures counted`).toBeGreaterThan(0);
    }
  });
});
