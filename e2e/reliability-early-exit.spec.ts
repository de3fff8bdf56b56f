import { expect, type Page, test } from '@playwright/test';
import { serveTestPage } from './reliability/test-page';

const served = serveTestPage();
// The chunk with the monitor's validation and transport, which the page imports after start-up.
const RUNTIME_CHUNK = /create-browser-monitor-[^/]*\.js$/;

async function trackCheckouts(page: Page, from: number, count: number): Promise<void> {
  await page.waitForFunction(() => 'reliability' in globalThis);
  await page.evaluate(
    ([first, total]) =>
      (
        globalThis as unknown as { reliability: { trackCheckouts(f: number, c: number): void } }
      ).reliability.trackCheckouts(first, total),
    [from, count],
  );
}

test('a page left before its code loads has its events sent once', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    (globalThis as { __RELIABILITY__?: unknown }).__RELIABILITY__ = { flushIntervalMillis: 100 };
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The first page never gets its runtime chunk, as on a slow network when the visitor moves on.
  let heldRequests = 0;
  await page.route(RUNTIME_CHUNK, () => {
    heldRequests++;
  });
  await page.goto(`${served.server.origin}/`);
  await trackCheckouts(page, 0, 3);
  expect(heldRequests).toBe(1);

  await page.unroute(RUNTIME_CHUNK);
  await page.goto(`${served.server.origin}/?next`);
  await trackCheckouts(page, 3, 1);

  await expect.poll(() => served.server.counts.size, { timeout: 15_000 }).toBe(4);
  // A second send, if any, arrives within this wait.
  await page.waitForTimeout(1000);
  expect([...served.server.counts.entries()].sort()).toEqual([
    ['o-0', 1],
    ['o-1', 1],
    ['o-2', 1],
    ['o-3', 1],
  ]);
  expect(pageErrors).toEqual([]);
  await context.close();
});
