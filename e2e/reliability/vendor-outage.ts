import type { Browser } from '@playwright/test';
import { closedPortOrigin, type FaultServer, startFaultServer } from './fault-proxy';
import { describeTimings, type MonitoredPage, openMonitoredPage } from './outage';
import type { Timings } from './page-entry';

/** The faults of a vendor intake that the outage tests cover. */
export const VENDOR_MODES = ['down', 'hang', 'error', 'rate_limit', 'slow'] as const;
export type VendorMode = (typeof VENDOR_MODES)[number];

// Long enough that the floods of a test fall within it.
export const RETRY_AFTER_SECONDS = 5;
// track() calls timed in each measurement, in 10 rounds with a click each.
const MEASURED_EVENTS = 200;

/** A page whose vendor sends to a faulty intake, and the same page without the vendor. */
export interface VendorOutage {
  readonly fault: FaultServer | undefined;
  readonly faulty: MonitoredPage;
  readonly baseline: Timings;
  readonly timings: Timings;
  /** Annotations with the measured numbers, for the test report. */
  readonly notes: string[];
  stop(): Promise<void>;
}

/**
 * Starts an intake in `mode` (a closed port for `down`) and measures the page without the vendor.
 * Then it opens the page with the options that `vendorOptions` builds from the intake's origin,
 * runs `load` so that the vendor has failing traffic, and measures that page the same way.
 */
export async function startVendorOutage(
  browser: Browser,
  pageOrigin: string,
  mode: VendorMode,
  vendorOptions: (intakeOrigin: string) => Record<string, unknown>,
  load: (page: MonitoredPage) => Promise<void>,
): Promise<VendorOutage> {
  const fault =
    mode === 'down'
      ? undefined
      : await startFaultServer({
          faultFor: () => mode,
          okStatus: 202,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
          slowMillis: 600,
        });
  const intake = fault?.origin ?? (await closedPortOrigin());
  const plain = await openMonitoredPage(browser, pageOrigin, {});
  const baseline = await plain.measure(MEASURED_EVENTS, 0);
  await plain.close();
  const faulty = await openMonitoredPage(browser, pageOrigin, vendorOptions(intake));
  await load(faulty);
  const timings = await faulty.measure(MEASURED_EVENTS, 0);
  return {
    fault,
    faulty,
    baseline,
    timings,
    notes: [describeTimings('no vendor', baseline), describeTimings(mode, timings)],
    async stop() {
      await faulty.close();
      await fault?.stop();
    },
  };
}

/** Returns the gaps between consecutive requests that reached the intake, in milliseconds. */
export function requestGaps(fault: FaultServer | undefined): number[] {
  const times = fault?.log.map((entry) => entry.time) ?? [];
  return times.slice(1).map((time, i) => time - (times[i] as number));
}
