import { expect, test } from '@playwright/test';
import { slowerThanBaseline } from './reliability/outage';
import { serveTestPage } from './reliability/test-page';
import { startVendorOutage, VENDOR_MODES } from './reliability/vendor-outage';

// DataDog RUM posts its batches to the `proxy` URL, here a fault server on 127.0.0.1. Each
// tracked event is a RUM action, and RUM sends a batch every 50 events. RUM 7.16 reports no
// drops to the page, so these tests check time, memory and request counts only.
const FLOOD = 3000;

const served = serveTestPage();

for (const mode of VENDOR_MODES) {
  test(`datadog ${mode}: page and memory stay bounded`, async ({ browser }) => {
    const outage = await startVendorOutage(
      browser,
      served.server.origin,
      mode,
      (intake) => ({
        datadog: {
          applicationId: 'reliability-app',
          clientToken: 'pub-reliability',
          proxy: `${intake}/dd`,
        },
      }),
      (page) => page.trackCheckouts(0, FLOOD),
    );
    const { faulty, fault } = outage;
    const heapAfterFirstFlood = await faulty.heapUsedBytes();
    await faulty.trackCheckouts(FLOOD, FLOOD);
    await faulty.page.waitForTimeout(1500);
    const heapGrowth = (await faulty.heapUsedBytes()) - heapAfterFirstFlood;
    test
      .info()
      .annotations.push(
        ...outage.notes.map((description) => ({ type: 'measurement', description })),
        {
          type: 'measurement',
          description: `heap growth ${heapGrowth} B, ${fault?.log.length ?? 0} requests`,
        },
      );

    expect(slowerThanBaseline(outage.timings, outage.baseline)).toEqual([]);
    // RUM keeps at most 3000 actions a minute and 20 MiB of batches waiting for a retry, so the
    // second flood may add its batches to that queue: about 2 MB, measured between 1 and 2.1 MB.
    expect(heapGrowth).toBeLessThan(8_000_000);
    if (mode === 'hang' || mode === 'error' || mode === 'rate_limit') {
      // After a failure RUM sends one batch at a time, with a backoff from 1 s to 1 min.
      expect(fault?.log.length).toBeLessThan(15);
    }
    if (mode === 'slow') expect(fault?.log.length).toBeGreaterThan(0);
    expect(faulty.errors).toEqual([]);
    await outage.stop();
  });
}
