import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { parseMetrics, total } from './metrics';
import { EXAMPLE_PORT } from './playwright.config';
import { type Recorder, startRecorder } from './receivers/recorder';
import { parseEnvelope } from './receivers/sentry-envelope';

// These tests add visits and web vitals to the shared example server, so the file name sorts
// after journey.spec.ts, whose exact counts must not see them.
test.describe.configure({ mode: 'serial' });

const ORIGIN = `http://127.0.0.1:${EXAMPLE_PORT}`;
const REPO = 'https://github.com/4site/landing-demo';
// Strings that only the vendor SDKs contain: Sentry's envelope query parameter and DataDog's
// proxy parameter. The monitor's own code names neither.
const SENTRY_MARKER = 'sentry_version';
const DATADOG_MARKER = 'ddforward';
// Secrets planted in the page; none of them may reach a vendor.
const SECRETS = ['PLANTED_QUERY_TOKEN', 'PLANTED_COOKIE', 'PLANTED_BEARER', 'ada.secret'];

/** The fields of a Sentry error event that the tests read. */
interface SentryErrorEvent {
  exception: { values: { value: string }[] };
  release?: string;
  environment?: string;
  user?: { id?: string };
  contexts: { monitor: { react: { componentStack: string } } };
}

/** The fields of a DataDog RUM event that the tests read. */
interface RumEvent {
  type: string;
  application?: { id: string };
  action?: { type?: string; target?: { name?: string } };
  context?: { attribution?: { channel?: string } };
}

interface VendorConfig {
  endpoint?: string;
  release?: string;
  sentryDsn?: string;
  datadog?: { applicationId: string; clientToken: string; proxy: string };
}

/** Opens a context whose requests may only reach 127.0.0.1, and records the JS it loads. */
async function openContext(browser: import('@playwright/test').Browser, config?: VendorConfig) {
  const context = await browser.newContext();
  const outside: string[] = [];
  const scripts: string[] = [];
  const errors: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      outside.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  context.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(await response.text().catch(() => ''));
  });
  if (config) {
    await context.addInitScript((value) => {
      (globalThis as { __FOURSITE_MONITOR__?: unknown }).__FOURSITE_MONITOR__ = value;
    }, config);
  }
  const watch = (page: Page): void => {
    page.on('pageerror', (error) => errors.push(error.message));
  };
  return { context, outside, scripts, errors, watch };
}

async function generateAndShare(page: Page): Promise<void> {
  await page.getByTestId('repo-url').fill(REPO);
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('site-result')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('share').click();
}

async function scrape(page: Page) {
  const response = await page.request.get(`${ORIGIN}/metrics`);
  return parseMetrics(await response.text());
}

function loadedVendorCode(scripts: string[]) {
  return {
    sentry: scripts.some((text) => text.includes(SENTRY_MARKER)),
    datadog: scripts.some((text) => text.includes(DATADOG_MARKER)),
  };
}

test('default page loads no vendor code', async ({ browser }) => {
  const { context, outside, scripts, errors, watch } = await openContext(browser);
  const page = await context.newPage();
  watch(page);
  await page.goto('/');
  await generateAndShare(page);
  await page.waitForLoadState('networkidle');

  expect(scripts.length).toBeGreaterThan(0);
  expect(loadedVendorCode(scripts)).toEqual({ sentry: false, datadog: false });
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('web vitals reach the ingest endpoint once per id', async ({ browser }) => {
  const ingest = await startRecorder({ forwardTo: ORIGIN });
  const endpoint = `http://127.0.0.1:${ingest.port}/monitor/ingest`;
  const { context, errors, watch } = await openContext(browser, { endpoint });
  const page = await context.newPage();
  watch(page);
  const before = await scrape(page);
  await page.goto('/');
  // A click makes LCP final; INP is reported only when Chromium timed the interaction.
  await page.getByTestId('repo-url').click();
  await page.keyboard.type('x');
  // Leaving the page hides it, which makes web-vitals report LCP, CLS and INP.
  await page.goto('about:blank');

  await expect
    .poll(() => vitalEvents(ingest).map((event) => event.properties.metric), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['CLS', 'FCP', 'LCP', 'TTFB']));
  // Later reports of a metric, if any, arrive within this wait.
  await page.waitForTimeout(1000);
  const sent = vitalEvents(ingest);
  const metrics = sent.map((event) => event.properties.metric);
  const metricIds = sent.map((event) => event.properties.id);
  const eventIds = sent.map((event) => event.id);

  expect(new Set(metrics).size).toBe(sent.length);
  expect(new Set(metricIds).size).toBe(sent.length);
  expect(new Set(eventIds).size).toBe(sent.length);
  for (const event of sent) {
    expect(event.properties.page).toBe('/');
    expect(event.properties.deviceClass).toBe('desktop');
    expect(event.properties.navigationType).toBe('navigate');
    expect(Object.keys(event.properties)).not.toContain('target');
  }
  const delta = async (name: string, labels: Record<string, string> = {}) =>
    total(await scrape(page), name, labels) - total(before, name, labels);
  expect(ingest.answers.filter((answer) => answer.status !== 202)).toEqual([]);
  await expect
    .poll(() => delta('foursite_web_vitals_total'), { timeout: 15_000 })
    .toBe(sent.length);
  expect(await delta('foursite_monitor_events_dropped_total')).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
  await ingest.stop();
});

interface SentEvent {
  id: string;
  name: string;
  properties: Record<string, string | number>;
}

function sentEvents(recorder: Recorder): SentEvent[] {
  return recorder.requests.flatMap(
    (request) => JSON.parse(request.body.toString('utf8')).events as SentEvent[],
  );
}

function vitalEvents(recorder: Recorder): SentEvent[] {
  return sentEvents(recorder).filter((event) => event.name === 'web_vital');
}

test.describe('with Sentry', () => {
  let sentry: Recorder;

  test.beforeAll(async () => {
    sentry = await startRecorder();
  });

  test.afterAll(async () => {
    await sentry.stop();
  });

  test('sends the error envelope once', async ({ browser }) => {
    const dsn = `http://publickey@127.0.0.1:${sentry.port}/1`;
    const { context, outside, scripts, watch } = await openContext(browser, {
      sentryDsn: dsn,
      release: 'example@1.2.3',
    });
    await context.addCookies([{ name: 'session', value: 'PLANTED_COOKIE', url: ORIGIN }]);
    const page = await context.newPage();
    watch(page);
    const crash = encodeURIComponent('profile of ada.secret@example.com, Bearer PLANTED_BEARER');
    await page.goto(`/?demo-crash=${crash}&token=PLANTED_QUERY_TOKEN`);
    await expect(page.getByTestId('crash-fallback')).toBeVisible();
    const visitorId = await page.evaluate(() => localStorage.getItem('4site.visitorId'));

    const errorEvents = () =>
      sentry.requests
        .flatMap((request) => parseEnvelope(request.body).items)
        .filter((item) => item.header.type === 'event')
        .map((item) => item.payload as SentryErrorEvent);
    await expect.poll(() => errorEvents().length, { timeout: 15_000 }).toBeGreaterThan(0);
    // Give a second report, if any, the time to arrive before counting.
    await page.waitForTimeout(1000);
    const events = errorEvents();
    const event = events[0] as SentryErrorEvent;

    expect(events).toHaveLength(1);
    expect(event.exception.values[0].value).toContain('Demo crash');
    expect(event.release).toBe('example@1.2.3');
    expect(event.environment).toBe('production');
    expect(event.user?.id).toBe(visitorId);
    expect(event.contexts.monitor.react.componentStack).toBeTruthy();
    expect(sentry.requests[0]?.url).toContain('/api/1/envelope/');
    expect(loadedVendorCode(scripts).sentry).toBe(true);
    const raw = sentry.requests.map((request) => request.body.toString('utf8')).join('\n');
    for (const secret of SECRETS) expect(raw, secret).not.toContain(secret);
    expect(raw).not.toContain('ada.secret%40');
    expect(outside).toEqual([]);
    await context.close();
  });
});

test.describe('with DataDog RUM', () => {
  let datadog: Recorder;

  test.beforeAll(async () => {
    datadog = await startRecorder({ status: 202 });
  });

  test.afterAll(async () => {
    await datadog.stop();
  });

  function rumEvents(): RumEvent[] {
    return datadog.requests
      .filter((request) => decodeURIComponent(request.url).includes('/api/v2/rum'))
      .flatMap((request) => request.body.toString('utf8').split('\n'))
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RumEvent);
  }

  test('receives views and business actions through the proxy', async ({ browser }) => {
    test.setTimeout(90_000);
    const proxy = `http://127.0.0.1:${datadog.port}/dd`;
    const config = { datadog: { applicationId: 'e2e-app', clientToken: 'pub-e2e', proxy } };
    const { context, outside, watch, errors } = await openContext(browser, config);
    const page = await context.newPage();
    watch(page);
    await page.goto(`/?token=PLANTED_QUERY_TOKEN`);
    await generateAndShare(page);
    // NOTE: In headless Chromium the batch that RUM sends while the page unloads did not reach
    // the receiver, so the test waits for RUM's own 30-second flush timer instead.
    await page.waitForTimeout(31_000);

    await expect
      .poll(() => rumEvents().some((event) => event.type === 'view'), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(
        () =>
          rumEvents()
            .filter((event) => event.type === 'action' && event.action?.type === 'custom')
            .map((event) => event.action?.target?.name),
        { timeout: 15_000 },
      )
      .toEqual(expect.arrayContaining(['visit', 'share']));
    const visit = rumEvents().find((event) => event.action?.target?.name === 'visit');

    expect(visit?.context?.attribution?.channel).toBe('direct');
    expect(rumEvents()[0]?.application?.id).toBe('e2e-app');
    expect(datadog.requests.every((request) => request.url.startsWith('/dd?ddforward='))).toBe(
      true,
    );
    const raw = datadog.requests.map((request) => request.body.toString('utf8')).join('\n');
    expect(raw).not.toContain('PLANTED_QUERY_TOKEN');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('page works with vendor scripts blocked', async ({ browser }) => {
  const recorder = await startRecorder();
  const ingest = await startRecorder({ forwardTo: ORIGIN });
  const config = {
    endpoint: `http://127.0.0.1:${ingest.port}/monitor/ingest`,
    sentryDsn: `http://publickey@127.0.0.1:${recorder.port}/1`,
    datadog: {
      applicationId: 'e2e-app',
      clientToken: 'pub-e2e',
      proxy: `http://127.0.0.1:${recorder.port}/dd`,
    },
  };
  const { context, errors, watch } = await openContext(browser, config);
  const blocked: string[] = [];
  await blockVendorChunks(context, blocked);
  const page = await context.newPage();
  watch(page);
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto('/');
  await generateAndShare(page);
  await page.goto('about:blank');

  expect(blocked.length).toBe(2);
  await expect
    .poll(() => sentEvents(ingest).map((event) => event.name))
    .toEqual(expect.arrayContaining(['visit', 'share']));
  expect(warnings.some((text) => text.includes('Loading @sentry/browser failed'))).toBe(true);
  expect(warnings.some((text) => text.includes('Loading @datadog/browser-rum failed'))).toBe(true);
  expect(recorder.requests).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
  await recorder.stop();
  await ingest.stop();
});

/** Aborts every script that contains vendor SDK code, as a content blocker would. */
async function blockVendorChunks(context: BrowserContext, blocked: string[]): Promise<void> {
  await context.route('**/assets/*.js', async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    if (text.includes(SENTRY_MARKER) || text.includes(DATADOG_MARKER)) {
      blocked.push(route.request().url());
      await route.abort('blockedbyclient');
      return;
    }
    await route.fulfill({ response });
  });
}
