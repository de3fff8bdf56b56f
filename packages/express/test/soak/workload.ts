import { extendCatalog, fourSiteCatalog } from '@4site/monitor-business';
import { defineEvent } from '@4site/monitor-core';

/** Declared values of the `tenant` label of `soak_job`, more than the label cap. */
export const TENANTS = Array.from({ length: 300 }, (_, i) => `t${i}`);

/** Route templates that the soak app serves, more than the route cap. */
export const ROUTE_COUNT = 40;

/** Distinct page templates in web vitals, more than their page cap of 50. */
export const PAGE_COUNT = 80;

// A Standard Schema validator written out by hand, so the soak needs no schema library.
const soakJobSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'soak',
    validate: (value: unknown) =>
      typeof value === 'object' && value !== null && typeof (value as Tenant).tenant === 'string'
        ? { value: value as Tenant }
        : { issues: [{ message: 'Expected { tenant: string }' }] },
  },
};
type Tenant = { tenant: string };

/** The 4site catalog plus `soak_job`, whose one label lists 300 values. */
export const soakCatalog = extendCatalog(
  fourSiteCatalog,
  defineEvent({
    name: 'soak_job',
    metric: 'soak_jobs',
    schema: soakJobSchema,
    labels: { tenant: TENANTS },
  }),
);

const CHANNELS = ['organic', 'social', 'referral', 'direct', 'paid', 'email'];
const PLATFORMS = ['link', 'twitter', 'linkedin', 'facebook', 'email', 'other'];
const DEVICES = ['desktop', 'mobile', 'tablet'];

export const pick = <T>(values: readonly T[]): T =>
  values[Math.floor(Math.random() * values.length)] as T;
export const randomInt = (below: number) => Math.floor(Math.random() * below);

/**
 * Returns a random idempotency key. About one in ten repeats a recent key, so the deduper gets
 * duplicates as well as a steady stream of new keys.
 */
export function keyMaker(prefix: string) {
  let next = 0;
  return () =>
    Math.random() < 0.1 && next > 100 ? `${prefix}${next - randomInt(100)}` : `${prefix}${next++}`;
}

/** An event for `monitor.record()`: a name and its properties, valid or not. */
export type TrackCall = readonly [name: string, properties: unknown];

/**
 * Creates a generator of the in-process `track()` mix: every server-side event of the catalog,
 * random label values (some outside the declared lists), repeated idempotency keys and about
 * one invalid event in twenty.
 */
export function trackMix(): () => TrackCall {
  const generation = keyMaker('g');
  const referral = keyMaker('r');
  const lead = keyMaker('l');
  const vital = keyMaker('v');
  const makers: (() => TrackCall)[] = [
    () => ['visit', { channel: Math.random() < 0.05 ? 'tiktok' : pick(CHANNELS) }],
    () => [
      'site_generated',
      { generationId: generation(), outcome: pick(['success', 'failure']), durationSeconds: 12 },
    ],
    () => ['share', { platform: pick(PLATFORMS) }],
    () => ['referral', { referralId: referral() }],
    () => ['lead', { leadId: lead(), source: pick(CHANNELS), score: randomInt(101) }],
    () => ['session_end', { pageCount: 1 + randomInt(5), device: pick(DEVICES) }],
    () => ['web_vital', webVital(vital())],
    () => ['soak_job', { tenant: Math.random() < 0.05 ? `x${randomInt(1e6)}` : pick(TENANTS) }],
    () => ['no_such_event', { anything: randomInt(10) }],
  ];
  return () => (pick(makers) as () => TrackCall)();
}

/** Returns a web vital of a random page among `PAGE_COUNT`, for `track()` and ingest batches. */
export function webVital(id: string) {
  return {
    metric: 'LCP',
    value: 500 + randomInt(4000),
    id,
    page: `/page-${randomInt(PAGE_COUNT)}`,
    navigationType: 'navigate',
    // One device class keeps the histogram at one series per page.
    deviceClass: 'desktop',
    rating: 'good',
  };
}

/** Returns a browser beacon body of `size` events, each with a new event id. */
export function ingestBatch(size: number, nextId: () => string): string {
  const vital = keyMaker(`b${randomInt(1e9)}-`);
  const events = Array.from({ length: size }, () => {
    const id = nextId();
    const kind = randomInt(4);
    if (kind === 0) return { name: 'visit', properties: { channel: pick(CHANNELS) }, id };
    if (kind === 1) return { name: 'share', properties: { platform: pick(PLATFORMS) }, id };
    if (kind === 2) return { name: 'session_end', properties: { pageCount: 1 + randomInt(3) }, id };
    return { name: 'web_vital', properties: webVital(vital()), id };
  });
  return JSON.stringify({ events });
}
