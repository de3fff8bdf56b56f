import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Timings } from './page-entry';

/** The counts that `monitor.stats()` returns in the page. */
export interface PageStats {
  accepted: number;
  dropped: Record<string, number>;
  vendorDropped: { sentry: Record<string, number>; datadog: Record<string, number> };
}

/** A page of the test server with a monitor that `options` configure. */
export interface MonitoredPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
  measure(events: number, errors: number): Promise<Timings>;
  trackCheckouts(from: number, count: number): Promise<void>;
  captureErrors(count: number): Promise<void>;
  stats(): Promise<PageStats>;
  storedEvents(): Promise<number>;
  /** Bytes of the page's JS heap after a garbage collection, read over CDP. */
  heapUsedBytes(): Promise<number>;
  close(): Promise<void>;
}

type PageApi = {
  reliability: {
    monitor: {
      stats(): PageStats;
      vendors: Promise<unknown>;
      captureError(error: unknown): void;
    };
    trackCheckouts(from: number, count: number): void;
    measure(events: number, errors: number): Promise<Timings>;
    storedEvents(): number;
  };
};

/**
 * Opens the test page with the monitor options. Requests to any host but 127.0.0.1 are aborted,
 * so a wrong default can never reach a vendor. Waits until the configured vendors loaded.
 */
export async function openMonitoredPage(
  browser: Browser,
  origin: string,
  options: Record<string, unknown>,
): Promise<MonitoredPage> {
  const context = await browser.newContext();
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  await context.addInitScript((value) => {
    (globalThis as { __RELIABILITY__?: unknown }).__RELIABILITY__ = value;
  }, options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'reliability' in globalThis);
  await page.evaluate(() => (globalThis as unknown as PageApi).reliability.monitor.vendors);
  const cdp = await context.newCDPSession(page);
  return {
    page,
    context,
    errors,
    measure: (events, errorCount) =>
      page.evaluate(([e, c]) => (globalThis as unknown as PageApi).reliability.measure(e, c), [
        events,
        errorCount,
      ] as const),
    trackCheckouts: (from, count) =>
      page.evaluate(
        ([f, c]) => (globalThis as unknown as PageApi).reliability.trackCheckouts(f, c),
        [from, count] as const,
      ),
    captureErrors: (count) =>
      page.evaluate((n) => {
        for (let i = 0; i < n; i++) {
          (globalThis as unknown as PageApi).reliability.monitor.captureError(
            new Error(`flood ${Math.random()}`),
          );
        }
      }, count),
    stats: () =>
      page.evaluate(() => (globalThis as unknown as PageApi).reliability.monitor.stats()),
    storedEvents: () =>
      page.evaluate(() => (globalThis as unknown as PageApi).reliability.storedEvents()),
    async heapUsedBytes() {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      return usage.usedSize;
    },
    close: () => context.close(),
  };
}

/**
 * Margins of the responsiveness checks, in milliseconds, against the page without the vendor or
 * with a healthy endpoint. They are wide because the 2-core machine that runs the tests is shared
 * with other jobs: a page that the monitor blocks loses seconds, not tens of milliseconds.
 */
export const MARGINS = {
  trackFactor: 3,
  trackMillis: 100,
  interactionMillis: 150,
  lagMillis: 250,
};

/** Returns the checks that fail, comparing the timings under a fault with the baseline. */
export function slowerThanBaseline(fault: Timings, baseline: Timings): string[] {
  const failures: string[] = [];
  const trackLimit = baseline.trackMillis * MARGINS.trackFactor + MARGINS.trackMillis;
  if (fault.trackMillis > trackLimit) failures.push(`track ${fault.trackMillis} > ${trackLimit}`);
  const clickLimit = baseline.interactionMillis + MARGINS.interactionMillis;
  if (fault.interactionMillis > clickLimit) {
    failures.push(`interaction ${fault.interactionMillis} > ${clickLimit}`);
  }
  const lagLimit = baseline.maxLagMillis + MARGINS.lagMillis;
  if (fault.maxLagMillis > lagLimit) failures.push(`lag ${fault.maxLagMillis} > ${lagLimit}`);
  return failures;
}

/** Formats timings for a test annotation, rounded to 0.1 ms. */
export function describeTimings(label: string, timings: Timings): string {
  const round = (value: number) => Math.round(value * 10) / 10;
  return `${label}: track ${round(timings.trackMillis)} ms, click ${round(timings.interactionMillis)} ms, lag ${round(timings.maxLagMillis)} ms`;
}
