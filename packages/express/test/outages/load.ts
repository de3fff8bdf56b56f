import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NodeMonitor } from '@4site/monitor-node';
import type express5 from 'express';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../../src';

/** An Express app with the SDK mounted, listening on 127.0.0.1. */
export interface OutageApp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts an app with `/ok`, which responds with JSON, and `/boom`, which throws an error with a
 * distinct message (Sentry's dedupe integration would drop repeats of one message).
 */
export async function startOutageApp(
  express: typeof express5,
  monitor: NodeMonitor | undefined,
): Promise<OutageApp> {
  const app = express();
  if (monitor) {
    app.use(monitorMiddleware(monitor));
    app.use(monitorEndpoints(monitor));
  }
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  let failures = 0;
  app.get('/boom', () => {
    failures++;
    throw new Error(`generation ${failures} failed`);
  });
  if (monitor) app.use(monitorErrorHandler(monitor));
  app.use((_error: unknown, _req: unknown, res: express5.Response, _next: unknown) => {
    res.status(500).json({ error: 'failed' });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Latency percentiles of one load run, in milliseconds. */
export interface Latency {
  p50: number;
  p95: number;
}

/** Options of a load run. */
export interface LoadOptions {
  /** Requests in flight at once. Default: 8. */
  concurrency?: number;
  /** Every `errorEvery`-th request goes to `/boom`; `Infinity` sends none there. Default: 4. */
  errorEvery?: number;
}

/** Sends `total` requests and returns the time to each full response body, in milliseconds. */
async function sendRequests(url: string, total: number, options: LoadOptions): Promise<number[]> {
  const concurrency = options.concurrency ?? 8;
  const errorEvery = options.errorEvery ?? 4;
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const path = (index + 1) % errorEvery === 0 ? '/boom' : '/ok';
      const started = performance.now();
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      durations.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return durations;
}

function percentiles(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Sends `total` requests to one app and returns the latency percentiles. */
export async function measureLatency(
  url: string,
  total: number,
  options: LoadOptions = {},
): Promise<Latency> {
  return percentiles(await sendRequests(url, total, options));
}

/**
 * Sends `total` requests to each app, alternating between them in rounds of 20, so that load
 * from other processes on the machine falls on both alike. Returns the latency of each app.
 */
export async function compareLatency(
  baselineUrl: string,
  url: string,
  total: number,
  options: LoadOptions = {},
): Promise<{ baseline: Latency; latency: Latency }> {
  const baseline: number[] = [];
  const run: number[] = [];
  for (let sent = 0; sent < total; sent += 20) {
    baseline.push(...(await sendRequests(baselineUrl, 20, options)));
    run.push(...(await sendRequests(url, 20, options)));
  }
  return { baseline: percentiles(baseline), latency: percentiles(run) };
}

/**
 * Whether a run's latency stays within the margins of the baseline. The machine is shared with
 * other test runs (load averages above 10 on 2 cores were seen), so a run may be four times
 * slower than the baseline, or up to `slackMillis` slower, whichever is more. The faults delay
 * each vendor request by 1500 ms or more, so an SDK that made a request wait for its vendor would
 * add that to every fourth request and break the p95 bound.
 */
export function withinMargin(run: Latency, baseline: Latency, slackMillis = 400): boolean {
  const bound = (value: number) => Math.max(value * 4, value + slackMillis);
  return run.p50 <= bound(baseline.p50) && run.p95 <= bound(baseline.p95);
}

/** Reads one series of the vendor drop counter from `/metrics`. */
export async function readVendorDrops(
  url: string,
  vendor: string,
): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const drops: Record<string, number> = {};
  const pattern = new RegExp(
    `^foursite_monitor_vendor_dropped_total\\{vendor="${vendor}",reason="([a-z_]+)"\\} (\\d+)$`,
    'gm',
  );
  for (const match of text.matchAll(pattern)) drops[match[1] as string] = Number(match[2]);
  return drops;
}

/** Sums the counts of a drop record. */
export function totalDrops(drops: Record<string, number>): number {
  return Object.values(drops).reduce((sum, value) => sum + value, 0);
}

/** Returns the heap in use after a full garbage collection, in bytes. */
export function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
