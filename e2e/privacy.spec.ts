import { expect, type Page, test } from '@playwright/test';
import { type CapturedRequest, type CaptureServer, startCapture } from './privacy/capture';
import { bundlePage, type PageServer, startPageServer } from './privacy/page-server';
import { findPlanted, PLANTED, PLANTED_QUERY } from './privacy/planted';
import { parseEnvelope } from './receivers/sentry-envelope';

test.describe.configure({ mode: 'serial' });

let sentry: CaptureServer;
let datadog: CaptureServer;
let ingest: CaptureServer;
let app: PageServer;

const page = (config: object) => `<!doctype html>
<html><head><meta charset="utf-8"><title>privacy</title></head>
<body>
<button id="account" type="button">Account of ${PLANTED.email}</button>
<script>window.__PRIVACY__ = ${JSON.stringify(config)};</script>
<script src="/page.js"></script>
</body></html>`;

test.beforeAll(async () => {
  [sentry, datadog] = await Promise.all([startCapture(), startCapture()]);
  const bundle = await bundlePage();
  // The ingest capture forwards to the app, so the app starts first. The page's config names the
  // capture's port, so the app serves the page from a holder that is filled in afterwards.
  const holder = { html: '' };
  app = await startPageServer(() => holder.html, bundle);
  ingest = await startCapture({ forwardTo: app.base });
  holder.html = page({
    endpoint: `http://127.0.0.1:${ingest.port}/monitor/ingest`,
    sentryDsn: `http://publickey@127.0.0.1:${sentry.port}/1`,
    datadogProxy: `http://127.0.0.1:${datadog.port}/dd`,
  });
});

test.afterAll(async () => {
  await Promise.all([sentry?.stop(), datadog?.stop(), ingest?.stop(), app?.stop()]);
});

/** Plants every value through the calls an app makes: the SDK's, the vendors' and the DOM's. */
async function plant(target: Page): Promise<void> {
  await target.evaluate(
    async ({ planted, query }) => {
      type Privacy = {
        monitor: {
          identify(user: object): void;
          setContext(name: string, context: object): void;
          captureError(error: unknown, context?: object): void;
          track(name: string, properties: object): void;
        };
        track(name: string, properties: object): void;
        trackLead(monitor: unknown, properties: object): void;
        addBreadcrumb(breadcrumb: object): void;
      };
      const { monitor, trackLead, addBreadcrumb } = (window as unknown as { privacy: Privacy })
        .privacy;
      // biome-ignore lint/suspicious/noDocumentCookie: the page sets a session cookie as apps do.
      document.cookie = `session=${planted.cookie}; path=/`;
      history.pushState({}, '', `/account/${encodeURIComponent(planted.email)}${query}`);
      monitor.identify({ id: 'visitor-1', email: planted.email });
      monitor.setContext('account', {
        email: planted.email,
        password: planted.password,
        note: `password=${planted.password}`,
      });
      addBreadcrumb({
        category: 'auth',
        message: `login of ${planted.email} with password=${planted.password}`,
        data: { password: planted.password, url: `/next?access_token=${planted.accessToken}` },
      });
      console.log(`user ${planted.email} Authorization: Bearer ${planted.bearer}`);
      console.warn('form', { password: planted.password, cookie: `session=${planted.cookie}` });
      console.error(`Cookie: session=${planted.cookie} token=${planted.queryToken}`);

      const headers = {
        Authorization: `Bearer ${planted.bearer}`,
        'X-Session': `session=${planted.cookie}`,
      };
      await fetch(`/api/echo${query}`, { headers });
      await fetch(`/api/fail${query}`, { headers });
      await fetch('/api/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${encodeURIComponent(planted.email)}&password=${planted.password}`,
      });
      await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', `/api/fail${query}`);
        xhr.setRequestHeader('Authorization', `Bearer ${planted.bearer}`);
        xhr.onloadend = resolve;
        xhr.send();
      });

      // Leads are tracked on the server, so in the browser they reach the vendors only.
      trackLead(monitor, { leadId: 'lead-1', source: 'organic', email: planted.email });
      trackLead(monitor, { leadId: planted.email, source: 'email' });
      // A page path with a query string is valid input, and the visit goes to the ingest endpoint.
      monitor.track('visit', {
        channel: 'direct',
        page: `/u?token=${planted.queryToken}&email=${encodeURIComponent(planted.email)}`,
      });
      const cause = new Error(`upstream rejected access_token=${planted.accessToken}`);
      const error = new Error(
        `login failed for ${planted.email} (password: ${planted.password}, ` +
          `Authorization: Bearer ${planted.bearer})`,
        { cause },
      );
      monitor.captureError(error, {
        email: planted.email,
        note: `api_key=${planted.apiKey}`,
      });
      setTimeout(() => {
        throw new Error(`uncaught for ${planted.email} token=${planted.queryToken}`);
      });
      void Promise.reject(new Error(`rejected with password=${planted.password}`));
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
    { planted: PLANTED, query: PLANTED_QUERY },
  );
}

/** Makes RUM send its batch now, as it does when the page may be closed. */
async function flushRum(target: Page): Promise<void> {
  await target.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('beforeunload'));
  });
}

// Sentry 11 streams spans as `span` items; a transaction is the older form of the same data.
const TRACE_ITEMS = new Set(['span', 'transaction']);

function sentryItems(): { type: string; payload: unknown }[] {
  return sentry.requests.flatMap((request) =>
    parseEnvelope(request.body).items.map((item) => ({
      type: String(item.header.type),
      payload: item.payload,
    })),
  );
}

function rumEvents(): { type: string }[] {
  return datadog.requests
    .filter((request) => decodeURIComponent(request.url).includes('/api/v2/rum'))
    .flatMap((request) => request.body.toString('utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string });
}

function ingestEventNames(): string[] {
  return ingest.requests.flatMap((request) =>
    (JSON.parse(request.body.toString('utf8')).events as { name: string }[]).map(
      (event) => event.name,
    ),
  );
}

/** Everything of a request that the SDK or a vendor SDK chose to send. */
function sentText(request: CapturedRequest): string {
  // The browser adds the site's own cookies to a beacon; the SDK cannot leave them out.
  const { cookie: _cookie, ...headers } = request.headers;
  return `${request.method} ${request.url}\n${JSON.stringify(headers)}\n${request.body}`;
}

test('planted personal data reaches no vendor and no ingest', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      outside.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  const tab = await context.newPage();
  const pageErrors: string[] = [];
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  await tab.goto(`${app.base}/${PLANTED_QUERY}`);
  await tab.evaluate(() => {
    const holder = window as unknown as { privacy: { monitor: { vendors: Promise<unknown> } } };
    return holder.privacy.monitor.vendors;
  });

  await plant(tab);
  await tab.click('#account');
  await flushRum(tab);

  await expect
    .poll(() => sentryItems().filter((item) => item.type === 'event').length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  // The page passes Sentry's tracing loader, so the page load arrives as spans too.
  await expect
    .poll(() => sentryItems().filter((item) => TRACE_ITEMS.has(item.type)).length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(() => new Set(rumEvents().map((event) => event.type)), { timeout: 20_000 })
    .toEqual(new Set(['view', 'action', 'resource', 'error']));
  await expect.poll(ingestEventNames, { timeout: 20_000 }).toContain('visit');
  // A second batch of either vendor, if any, arrives within this wait.
  await tab.waitForTimeout(1000);
  await flushRum(tab);
  await tab.waitForTimeout(500);

  const channels: Record<string, CapturedRequest[]> = {
    sentry: sentry.requests,
    datadog: datadog.requests,
    ingest: ingest.requests,
  };
  const leaks = Object.entries(channels).flatMap(([name, requests]) =>
    requests.flatMap((request) => findPlanted(name, sentText(request))),
  );
  const metrics = await app.metrics();

  expect(pageErrors.some((message) => message.startsWith('uncaught for'))).toBe(true);
  expect(sentry.requests.map(sentText).join('\n')).toContain('login failed for [Filtered]');
  expect(outside).toEqual([]);
  expect(findPlanted('metrics', metrics)).toEqual([]);
  expect(leaks).toEqual([]);
  await context.close();
});
