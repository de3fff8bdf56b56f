import { expect, test } from '@playwright/test';
import { parseMetrics, total } from './metrics';
import config, { EXAMPLE_PORT } from './playwright.config';
import { startRecorder } from './receivers/recorder';

// Playwright turns Chromium's back/forward cache off by default; this file turns it back on.
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  },
});

const ORIGIN = `http://127.0.0.1:${EXAMPLE_PORT}`;

interface SentEvent {
  id: string;
  name: string;
  properties: { metric: string; id: string; navigationType: string };
}

test('reports web vitals again after a bfcache restore', async ({ browser }) => {
  const ingest = await startRecorder({ forwardTo: ORIGIN });
  const context = await browser.newContext();
  await context.addInitScript((endpoint) => {
    (globalThis as { __FOURSITE_MONITOR__?: unknown }).__FOURSITE_MONITOR__ = { endpoint };
  }, `http://127.0.0.1:${ingest.port}/monitor/ingest`);
  const page = await context.newPage();
  const scrape = async () => parseMetrics(await (await page.request.get('/metrics')).text());
  const before = total(await scrape(), 'foursite_web_vitals_total');

  await page.goto('/');
  await page.getByTestId('repo-url').click();
  await page.goto('/health');
  // A page restored from the cache fires no load event, so only the commit is awaited.
  await page.goBack({ waitUntil: 'commit' });
  await expect(page.getByTestId('repo-url')).toBeVisible();
  await page.goto('/health');

  const vitals = (): SentEvent[] =>
    ingest.requests
      .flatMap((request) => JSON.parse(request.body.toString('utf8')).events as SentEvent[])
      .filter((event) => event.name === 'web_vital');
  const restored = () =>
    vitals().filter((event) => event.properties.navigationType === 'back-forward-cache');
  await expect
    .poll(() => restored().map((event) => event.properties.metric), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['FCP', 'LCP', 'TTFB']));
  const sent = vitals();
  // A beacon's events stay stored until the server accepted them, so a page shown again may send
  // them a second time. The server counts each metric id once.
  const metricIds = new Set(sent.map((event) => event.properties.id));

  expect(sent.some((event) => event.properties.navigationType === 'navigate')).toBe(true);
  await expect
    .poll(async () => total(await scrape(), 'foursite_web_vitals_total') - before, {
      timeout: 15_000,
    })
    .toBe(metricIds.size);
  await context.close();
  await ingest.stop();
});
