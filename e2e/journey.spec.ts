import { type Browser, expect, type Page, test } from '@playwright/test';
import { parseMetrics, total } from './metrics';
import { EXAMPLE_PORT } from './playwright.config';
import { startPrometheus } from './prometheus';

// The journey and the Prometheus check share the example server, so they run in order.
test.describe.configure({ mode: 'serial' });

const REPO = 'https://github.com/4site/landing-demo';
const ROUTE_TEMPLATES = new Set([
  '/{*path}',
  '/api/sites',
  '/api/leads',
  '/monitor/ingest',
  '/metrics',
  '/health',
  'unmatched',
]);

async function generateSite(page: Page): Promise<void> {
  await page.getByTestId('repo-url').fill(REPO);
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('site-result')).toBeVisible({ timeout: 15_000 });
}

// Uncaught page errors and console errors of every page, checked at the end of the journey.
const pageErrors: string[] = [];

async function openFreshPage(browser: Browser, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(path);
  return page;
}

async function scrape(page: Page) {
  const response = await page.request.get('/metrics');
  return parseMetrics(await response.text());
}

test('journey produces the exact business counts', async ({ browser, page }) => {
  const owner = await openFreshPage(browser, '/');
  await generateSite(owner);
  const shareLink = (await owner.getByTestId('share-link').textContent())?.trim() ?? '';
  await owner.getByTestId('share').click();
  // Closing the page fires pagehide, which sends the queued visit and share with sendBeacon.
  await owner.context().close();

  expect(shareLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${EXAMPLE_PORT}/\\?ref=\\w+$`));
  const friend = await openFreshPage(browser, shareLink);
  await generateSite(friend);
  await friend.getByTestId('lead-email').fill('ada@company.io');
  await friend.getByTestId('lead-name').fill('Ada');
  await friend.getByTestId('lead-submit').click();
  await expect(friend.getByTestId('lead-done')).toBeVisible();
  await friend.context().close();

  const expected = {
    visitsDirect: 1,
    visitsReferral: 1,
    visits: 2,
    generations: 2,
    failures: 0,
    shares: 1,
    referrals: 1,
    leads: 1,
    leadsFromReferral: 1,
  };
  await expect
    .poll(
      async () => {
        const samples = await scrape(page);
        return {
          visitsDirect: total(samples, 'foursite_visits_total', { channel: 'direct' }),
          visitsReferral: total(samples, 'foursite_visits_total', { channel: 'referral' }),
          visits: total(samples, 'foursite_visits_total'),
          generations: total(samples, 'foursite_site_generations_total', { outcome: 'success' }),
          failures: total(samples, 'foursite_site_generations_total', { outcome: 'failure' }),
          shares: total(samples, 'foursite_shares_total', { platform: 'link' }),
          referrals: total(samples, 'foursite_referrals_total'),
          leads: total(samples, 'foursite_leads_total'),
          leadsFromReferral: total(samples, 'foursite_leads_total', { source: 'referral' }),
        };
      },
      { timeout: 15_000 },
    )
    .toEqual(expected);

  const samples = await scrape(page);
  const routes = new Set(
    samples
      .filter((sample) => sample.name === 'http_server_request_duration_seconds_count')
      .map((sample) => sample.labels.route ?? ''),
  );
  expect([...routes].filter((route) => !ROUTE_TEMPLATES.has(route))).toEqual([]);
  expect(routes).toContain('/api/sites');
  expect(routes).toContain('/monitor/ingest');
  expect(total(samples, 'foursite_monitor_events_dropped_total')).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('Prometheus scrapes the journey referral count', async () => {
  const prometheus = await startPrometheus(`127.0.0.1:${EXAMPLE_PORT}`);
  try {
    await expect
      .poll(
        async () => {
          const result = await prometheus.query('foursite_referrals_total{job="example-api"}');
          return result.map((sample) => sample.value[1]);
        },
        { timeout: 30_000 },
      )
      .toEqual(['1']);
    const visits = await prometheus.query('sum(foursite_visits_total)');
    expect(visits[0]?.value[1]).toBe('2');
  } finally {
    await prometheus.stop();
  }
});
