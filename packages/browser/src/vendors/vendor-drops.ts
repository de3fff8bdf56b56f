/**
 * Why a vendor SDK gave up on items: the same reasons as the Node side's
 * `<prefix>_monitor_vendor_dropped_total{reason}`.
 */
export const VENDOR_DROP_REASONS = [
  'network_error',
  'http_error',
  'rate_limited',
  'queue_full',
  'timeout',
] as const;

export type VendorDropReason = (typeof VENDOR_DROP_REASONS)[number];

/** Vendors whose drops the browser monitor counts. */
export type VendorName = 'sentry' | 'datadog';

/** Items that each vendor SDK dropped since the monitor started, by reason. */
export type VendorDrops = Readonly<Record<VendorName, Readonly<Record<VendorDropReason, number>>>>;

/** Counts of items that the vendor SDKs did not deliver. */
export interface VendorDropCounter {
  count(vendor: VendorName, reason: VendorDropReason, items: number): void;
  snapshot(): VendorDrops;
}

export function createVendorDropCounter(): VendorDropCounter {
  const zero = () =>
    Object.fromEntries(VENDOR_DROP_REASONS.map((reason) => [reason, 0])) as Record<
      VendorDropReason,
      number
    >;
  const drops = { sentry: zero(), datadog: zero() };
  return {
    count(vendor, reason, items) {
      if (Number.isFinite(items) && items > 0) drops[vendor][reason] += items;
    },
    snapshot: () => ({ sentry: { ...drops.sentry }, datadog: { ...drops.datadog } }),
  };
}
