import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { EXAMPLE_PORT } from './playwright.config';

// A server of its own, because the shared webServer runs without --simulate.
const PORT = EXAMPLE_PORT + 10;
const BASE = `http://127.0.0.1:${PORT}`;
// Playwright compiles the specs to CommonJS, where __dirname is the folder of this file.
const SERVER = join(__dirname, '../examples/express-api/dist/server.js');
const CHARTS = ['chart-viral', 'chart-funnel', 'chart-sources', 'chart-generation', 'chart-api'];

let server: ChildProcess | undefined;
let serverLog = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = spawn(process.execPath, [SERVER, '--simulate'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      GENERATION_DELAY_MS: '100-300',
      GENERATION_FAILURE_RATE: '0.02',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => {
    serverLog += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    serverLog += chunk;
  });
  await expect
    .poll(async () => (await fetch(`${BASE}/health`).catch(() => undefined))?.status, {
      timeout: 20_000,
      message: `example server did not start:\n${serverLog}`,
    })
    .toBe(200);
});

test.afterAll(async () => {
  if (!server?.pid || server.exitCode !== null) return;
  const exited = once(server, 'exit');
  process.kill(server.pid, 'SIGTERM');
  await exited;
});

/** Collects uncaught page errors and console errors. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

const alertItem = (page: Page, status?: string) =>
  page.locator(`[data-alert="ViralCoefficientDrop"]${status ? `[data-status="${status}"]` : ''}`);

test('dashboard shows live data and a pushed alert', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 1000 });

  await page.goto(`${BASE}/dashboard/`);
  await expect(page.getByTestId('connection')).toHaveText('live');
  for (const chart of CHARTS) {
    await expect
      .poll(async () => Number(await page.getByTestId(chart).getAttribute('data-points')), {
        timeout: 30_000,
        message: `${chart} has no data`,
      })
      .toBeGreaterThan(0);
  }
  // The simulation starts with no referral links to share, so K starts low; wait for normal.
  await expect
    .poll(async () => Number(await page.getByTestId('viral-value').textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0.6);
  await expect(alertItem(page)).toHaveCount(0, { timeout: 30_000 });

  await page.getByTestId('scenario-drop').click();
  await expect(page.getByTestId('scenario-status')).toHaveText('scenario: referral-drop');
  await expect(alertItem(page, 'pending')).toBeVisible({ timeout: 40_000 });
  await expect(alertItem(page, 'firing')).toBeVisible({ timeout: 40_000 });
  await expect(alertItem(page, 'firing')).toContainText('Review the growth strategy');
  const screenshot = testInfo.outputPath('dashboard.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('dashboard', { path: screenshot, contentType: 'image/png' });

  await page.getByTestId('scenario-normal').click();
  await expect(alertItem(page)).toHaveCount(0, { timeout: 60_000 });
  const state = await (await fetch(`${BASE}/monitor/alerts`)).json();
  const drop = state.alerts.find(
    (alert: { name: string }) => alert.name === 'ViralCoefficientDrop',
  );
  expect(drop.status).toBe('inactive');
  expect(drop.resolvedAt).not.toBeNull();
  expect(errors).toEqual([]);
});

test('dashboard fits a phone without layout shift', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { shifts: number[] }).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) {
        shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });

  await page.goto(`${BASE}/dashboard/`);
  await expect(page.getByTestId('connection')).toHaveText('live');
  await expect
    .poll(async () => Number(await page.getByTestId('chart-viral').getAttribute('data-points')))
    .toBeGreaterThan(2);
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    shift: (window as unknown as { shifts: number[] }).shifts.reduce(
      (sum, value) => sum + value,
      0,
    ),
  }));

  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.shift).toBeLessThan(0.05);
  expect(errors).toEqual([]);
});
