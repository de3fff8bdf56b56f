import { expect, test } from '@playwright/test';
import { slowerThanBaseline } from './reliability/outage';
import { serveTestPage } from './reliability/test-page';
import { RETRY_AFTER_SECONDS, startVendorOutage, VENDOR_MODES } from './reliability/vendor-outage';

// Sentry's browser SDK posts envelopes to the DSN's host, here a fault server on 127.0.0.1.
const FLOOD = 300;

const served = serveTestPage();

for (const mode of VENDOR_MODES) {
  test(`sentry ${mode}: page and memory stay bounded, drops counted`, async ({ browser }) => {
    const outage = await startVendorOutage(
      browser,
      served.server.origin,
      mode,
      (intake) => ({ sentry: { dsn: `${intake.replace('//', '//publickey@')}/1` } }),
      async (page) => {
        // One error before the flood: under a rate limit, its 429 must stop the flood.
        await page.captureErrors(1);
        await page.page.waitForTimeout(1000);
        await page.captureErrors(FLOOD);
      },
    );
    const { faulty, fault } = outage;
    const heapAfterFirstFlood = await faulty.heapUsedBytes();
    await faulty.captureErrors(FLOOD);
    await faulty.page.waitForTimeout(1500);
    const heapGrowth = (await faulty.heapUsedBytes()) - heapAfterFirstFlood;
    const drops = (await faulty.stats()).vendorDropped.sentry;
    test
      .info()
      .annotations.push(
        ...outage.notes.map((description) => ({ type: 'measurement', description })),
        {
          type: 'measurement',
          description: `heap growth ${heapGrowth} B, ${fault?.log.length ?? 0} requests, drops ${JSON.stringify(drops)}`,
        },
      );

    expect(slowerThanBaseline(outage.timings, outage.baseline)).toEqual([]);
    // Sentry keeps at most 64 envelopes in its send buffer and 100 breadcrumbs.
    expect(heapGrowth).toBeLessThan(2_000_000);
    if (mode === 'down') expect(drops.network_error).toBeGreaterThan(0);
    if (mode === 'hang') expect(drops.queue_full).toBeGreaterThan(0);
    if (mode === 'error') expect(drops.http_error).toBeGreaterThan(0);
    if (mode === 'rate_limit') {
      expect(drops.rate_limited).toBeGreaterThan(0);
      // After a 429 Sentry sends nothing until Retry-After has passed, floods included.
      const first = fault?.log[0]?.time ?? 0;
      const quiet = (fault?.log ?? []).filter(
        (entry) => entry.time > first + 1000 && entry.time < first + RETRY_AFTER_SECONDS * 1000,
      );
      expect(fault?.log.length).toBeGreaterThan(0);
      expect(quiet).toEqual([]);
    }
    if (mode === 'slow') {
      expect(fault?.log.length).toBeGreaterThan(0);
      expect(drops.network_error + drops.http_error + drops.rate_limited).toBe(0);
    }
    expect(faulty.errors).toEqual([]);
    await outage.stop();
  });
}
