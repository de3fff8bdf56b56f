import { expect, test } from '@playwright/test';
import { closedPortOrigin, type FaultServer, startFaultServer } from './reliability/fault-proxy';
import { describeTimings, openMonitoredPage, slowerThanBaseline } from './reliability/outage';
import { serveTestPage } from './reliability/test-page';
import { startTestServer } from './reliability/test-server';

// The ingest endpoint seen from the browser: the page posts to a fault server in front of the real
// Express endpoint. Small limits make the caps show within seconds.
const OPTIONS = {
  flushIntervalMillis: 500,
  maxBatchSize: 20,
  maxQueueSize: 200,
  requestTimeoutMillis: 1000,
};
const FLOOD = 2000;
const STEADY_ROUNDS = 40;
const RETRY_AFTER_SECONDS = 2;
// Deliveries of one event before the transport drops it, the transport's MAX_ATTEMPTS.
const MAX_ATTEMPTS = 10;
const MODES = ['down', 'hang', 'error', 'rate_limit', 'slow'] as const;

const served = serveTestPage();

/** Wire ids of the events in the logged request bodies, with how often each was sent. */
function sendsPerEvent(fault: FaultServer): Map<string, number> {
  const sends = new Map<string, number>();
  for (const entry of fault.log) {
    if (entry.body.length === 0) continue;
    const { events } = JSON.parse(entry.body.toString('utf8')) as { events: { id: string }[] };
    for (const { id } of events) sends.set(id, (sends.get(id) ?? 0) + 1);
  }
  return sends;
}

for (const mode of MODES) {
  test(`ingest ${mode}: page, memory and retries stay bounded`, async ({ browser }) => {
    const fault =
      mode === 'down'
        ? undefined
        : await startFaultServer({
            target: served.server.origin,
            faultFor: () => mode,
            retryAfterSeconds: RETRY_AFTER_SECONDS,
            // Shorter than requestTimeoutMillis, so a slow response still arrives in time.
            slowMillis: 600,
          });
    const endpoint = `${fault?.origin ?? (await closedPortOrigin())}/monitor/ingest`;

    const healthy = await openMonitoredPage(browser, served.server.origin, OPTIONS);
    const baseline = await healthy.measure(200, 0);
    await healthy.close();

    const faulty = await openMonitoredPage(browser, served.server.origin, { ...OPTIONS, endpoint });
    const timings = await faulty.measure(200, 0);
    await faulty.trackCheckouts(0, FLOOD);
    const heapAfterFirstFlood = await faulty.heapUsedBytes();
    await faulty.trackCheckouts(FLOOD, FLOOD);
    // Steady traffic: a full batch every 50 ms, each a reason to send unless backoff holds.
    for (let round = 0; round < STEADY_ROUNDS; round++) {
      await faulty.trackCheckouts(2 * FLOOD + round * OPTIONS.maxBatchSize, OPTIONS.maxBatchSize);
      await faulty.page.waitForTimeout(50);
    }
    await faulty.page.waitForTimeout(1000);
    if (mode === 'slow')
      await expect.poll(() => faulty.storedEvents(), { timeout: 20_000 }).toBe(0);
    const heapGrowth = (await faulty.heapUsedBytes()) - heapAfterFirstFlood;
    const stats = await faulty.stats();
    const stored = await faulty.storedEvents();
    const sends = fault ? sendsPerEvent(fault) : new Map<string, number>();
    test.info().annotations.push(
      { type: 'measurement', description: describeTimings('healthy', baseline) },
      { type: 'measurement', description: describeTimings(mode, timings) },
      {
        type: 'measurement',
        description: `heap growth ${heapGrowth} B, ${fault?.log.length ?? 0} requests, stored ${stored}, dropped ${JSON.stringify(stats.dropped)}`,
      },
    );

    expect(slowerThanBaseline(timings, baseline)).toEqual([]);
    // The queue, the batch in flight and nothing else stay in memory and in localStorage.
    expect(stored).toBeLessThanOrEqual(OPTIONS.maxQueueSize + OPTIONS.maxBatchSize);
    expect(heapGrowth).toBeLessThan(1_000_000);
    // Every accepted event is delivered, waiting, or counted as dropped.
    const delivered = mode === 'slow' ? sends.size : 0;
    expect(stats.dropped.invalid).toBe(0);
    expect(stats.dropped.queue_full).toBeGreaterThan(0);
    expect(stats.dropped.queue_full + stats.dropped.sink_error + stored + delivered).toBe(
      stats.accepted,
    );
    expect(Math.max(0, ...sends.values())).toBeLessThanOrEqual(MAX_ATTEMPTS);
    if (mode === 'slow') expect(stats.dropped.sink_error).toBe(0);
    // A request that hangs is aborted after requestTimeoutMillis and retried.
    if (mode === 'hang') expect(fault?.log.length).toBeGreaterThan(1);
    if (mode === 'hang' || mode === 'error') {
      // The backoff applies even while full batches keep arriving. Without it, each of the steady
      // rounds would be a request.
      expect(fault?.log.length).toBeLessThan(12);
    }
    if (mode === 'rate_limit') {
      const times = fault?.log.map((entry) => entry.time) ?? [];
      const gaps = times.slice(1).map((time, i) => time - (times[i] as number));
      expect(times.length).toBeGreaterThan(1);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - 100);
    }
    expect(faulty.errors).toEqual([]);
    await faulty.close();
    await fault?.stop();
  });
}

test('ingest own 429: Retry-After read cross-origin', async ({ browser }) => {
  // One request at once, then one every 5 s: the second request gets Retry-After: 5.
  const limited = await startTestServer({
    bundleDir: served.bundle.dir,
    rateLimit: { requestsPerMinute: 12, burst: 1 },
  });
  // A relay that passes the endpoint's own headers, so only its CORS headers decide.
  const relay = await startFaultServer({
    target: limited.origin,
    faultFor: () => 'pass',
    cors: false,
  });
  const page = await openMonitoredPage(browser, served.server.origin, {
    ...OPTIONS,
    endpoint: `${relay.origin}/monitor/ingest`,
  });

  await page.trackCheckouts(0, OPTIONS.maxBatchSize);
  await expect.poll(() => relay.log.length).toBe(1);
  await page.trackCheckouts(OPTIONS.maxBatchSize, OPTIONS.maxBatchSize);
  await expect.poll(() => relay.log.length).toBe(2);
  for (let round = 2; round < 30; round++) {
    await page.trackCheckouts(round * OPTIONS.maxBatchSize, OPTIONS.maxBatchSize);
    await page.page.waitForTimeout(100);
  }
  await expect.poll(() => relay.log.length, { timeout: 15_000 }).toBeGreaterThan(2);
  const [, limitedAt, retriedAt] = relay.log.map((entry) => entry.time);

  expect((retriedAt as number) - (limitedAt as number)).toBeGreaterThanOrEqual(4900);
  expect(page.errors).toEqual([]);
  await page.close();
  await relay.stop();
  await limited.stop();
});
