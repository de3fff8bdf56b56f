import { expect, type Page, test } from '@playwright/test';
import { parseMetrics, total } from './metrics';
import { buildPageBundle, type PageBundle } from './reliability/build-page';
import {
  type Fault,
  type FaultServer,
  seededRandom,
  startFaultServer,
} from './reliability/fault-proxy';
import { startTestServer, type TestServer } from './reliability/test-server';

const EVENTS = 10_000;
const CHUNK = 250;
// Every sixth chunk the page reloads, with requests and beacons still on their way.
const RELOAD_EVERY = 6;
// Share of ingest requests that meet each fault; the rest pass. The seed makes a run repeatable.
const FAULT_SHARES: [Fault, number][] = [
  ['drop', 0.1],
  ['reset', 0.1],
  ['error', 0.08],
  ['rate_limit', 0.04],
];
const SEED = 20_261_204;

let bundle: PageBundle;
let server: TestServer;
let proxy: FaultServer;

test.beforeAll(async () => {
  bundle = buildPageBundle();
  server = await startTestServer({ bundleDir: bundle.dir });
  const random = seededRandom(SEED);
  proxy = await startFaultServer({
    target: server.origin,
    retryAfterSeconds: 1,
    faultFor(req) {
      if (!req.url?.startsWith('/monitor/ingest')) return 'pass';
      let draw = random();
      for (const [fault, share] of FAULT_SHARES) {
        if (draw < share) return fault;
        draw -= share;
      }
      return 'pass';
    },
  });
});

test.afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  bundle?.remove();
});

async function waitForMonitor(page: Page): Promise<void> {
  await page.waitForFunction(() => 'reliability' in globalThis);
}

test('counts 10,000 events once through faults and reloads', async ({ browser }) => {
  test.setTimeout(150_000);
  const started = Date.now();
  const context = await browser.newContext();
  await context.addInitScript(
    (options) => {
      (globalThis as { __RELIABILITY__?: unknown }).__RELIABILITY__ = options;
    },
    {
      flushIntervalMillis: 100,
      maxBatchSize: 50,
      maxQueueSize: 10_000,
      requestTimeoutMillis: 2000,
    },
  );
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${proxy.origin}/`);
  await waitForMonitor(page);

  let reloads = 0;
  for (let chunk = 0; chunk < EVENTS / CHUNK; chunk++) {
    await page.evaluate(
      ([from, count]) =>
        (
          globalThis as unknown as { reliability: { trackCheckouts(f: number, c: number): void } }
        ).reliability.trackCheckouts(from, count),
      [chunk * CHUNK, CHUNK],
    );
    if (chunk % RELOAD_EVERY === RELOAD_EVERY - 1) {
      await page.reload();
      await waitForMonitor(page);
      reloads++;
    } else {
      await page.waitForTimeout(50);
    }
  }

  await expect.poll(() => server.counts.size, { timeout: 60_000, intervals: [250] }).toBe(EVENTS);
  // A resend still on its way would show up as a second count within this wait.
  await page.waitForTimeout(1000);
  const missing = [];
  for (let i = 0; i < EVENTS; i++) if (!server.counts.has(`o-${i}`)) missing.push(i);
  const countedTwice = [...server.counts].filter(([, count]) => count > 1);
  const samples = parseMetrics(await server.metrics());
  const faults = (fault: Fault) => proxy.log.filter((entry) => entry.fault === fault).length;
  const runtimeSeconds = (Date.now() - started) / 1000;
  test.info().annotations.push({
    type: 'measurement',
    description: `${EVENTS} events, ${reloads} reloads, ${proxy.log.length} requests, ${runtimeSeconds} s`,
  });

  expect(reloads).toBeGreaterThanOrEqual(5);
  expect(missing).toEqual([]);
  expect(countedTwice).toEqual([]);
  expect(server.counts.size).toBe(EVENTS);
  expect(total(samples, 'foursite_checkouts_total')).toBe(EVENTS);
  for (const [fault] of FAULT_SHARES) expect(faults(fault), fault).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);
  await context.close();
});
