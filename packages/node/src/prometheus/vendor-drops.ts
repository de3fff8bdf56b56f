import { Counter, type Registry } from 'prom-client';
import { ensureMetric } from './ensure-metric';

/** Vendors whose transports report the items they give up on. */
export const DROP_VENDORS = ['sentry', 'datadog', 'dogstatsd'] as const;
export type DropVendor = (typeof DROP_VENDORS)[number];

/** Reason a vendor transport gave up on an item. */
export const VENDOR_DROP_REASONS = [
  'network_error',
  'http_error',
  'rate_limited',
  'queue_full',
  'timeout',
] as const;
export type VendorDropReason = (typeof VENDOR_DROP_REASONS)[number];

/** Counter of items that vendor transports gave up on, labelled only with the values above. */
export interface VendorDrops {
  record(vendor: DropVendor, reason: VendorDropReason, count?: number): void;
  /** Creates every reason of a vendor at 0, so its series show before the first drop. */
  declare(vendor: DropVendor): void;
}

/** A recorder that counts nothing, for monitors whose vendors are not wired to a registry. */
export const IGNORE_VENDOR_DROPS: VendorDrops = { record() {}, declare() {} };

/** Registers `<prefix>_monitor_vendor_dropped_total{vendor,reason}` and returns its recorder. */
export function registerVendorDropCounter(registry: Registry, prefix: string): VendorDrops {
  const name = `${prefix}_monitor_vendor_dropped_total`;
  const counter = ensureMetric(registry, name, () => {
    return new Counter({
      name,
      help: 'Items that a vendor transport gave up on (Sentry events, DogStatsD lines), by reason.',
      labelNames: ['vendor', 'reason'],
      registers: [],
    });
  }) as Counter<'vendor' | 'reason'>;
  return {
    record(vendor, reason, count = 1) {
      if (count > 0) counter.labels(vendor, reason).inc(count);
    },
    declare(vendor) {
      for (const reason of VENDOR_DROP_REASONS) counter.labels(vendor, reason).inc(0);
    },
  };
}
