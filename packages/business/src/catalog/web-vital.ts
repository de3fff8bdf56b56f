import { defineEvent } from '@4site/monitor-core';
import * as v from 'valibot';
import { DEVICE_CLASSES } from './values';

/** Core Web Vitals and the other metrics that the browser reports from `web-vitals`. */
export const WEB_VITAL_METRICS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;

/** Navigation types as `web-vitals` reports them; `back-forward-cache` is a bfcache restore. */
export const NAVIGATION_TYPES = [
  'navigate',
  'reload',
  'back-forward',
  'back-forward-cache',
  'prerender',
  'restore',
] as const;

/** Rating of a value against the metric's good and poor thresholds. */
export const WEB_VITAL_RATINGS = ['good', 'needs-improvement', 'poor'] as const;

export type WebVitalMetric = (typeof WEB_VITAL_METRICS)[number];
export type NavigationType = (typeof NAVIGATION_TYPES)[number];
export type WebVitalRating = (typeof WEB_VITAL_RATINGS)[number];

/** Largest accepted web vitals value: one hour in milliseconds (CLS is far below it). */
export const MAX_WEB_VITAL_VALUE = 3_600_000;

/**
 * One web vitals measurement of a page view. `value` is in milliseconds for the time metrics
 * and unitless for CLS. The metric id is unique per page view and metric, so a value that the
 * browser reports again counts once. Only `metric` is a label: the page and the device class
 * become histogram labels on the server, where their values are capped.
 */
export const webVitalEvent = defineEvent({
  name: 'web_vital',
  metric: 'web_vitals',
  schema: v.object({
    metric: v.picklist(WEB_VITAL_METRICS),
    // At most an hour in milliseconds: a larger value is no measurement, and a huge one would
    // turn the histogram's sum to +Inf for good.
    value: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_WEB_VITAL_VALUE)),
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    page: v.pipe(v.string(), v.startsWith('/'), v.maxLength(128)),
    navigationType: v.picklist(NAVIGATION_TYPES),
    deviceClass: v.picklist(DEVICE_CLASSES),
    rating: v.picklist(WEB_VITAL_RATINGS),
  }),
  labels: { metric: WEB_VITAL_METRICS },
  idempotencyKey: 'id',
  ingest: true,
});
