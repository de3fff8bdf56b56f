import type { Catalog, MonitorEvent } from '@4site/monitor-core';
import { Histogram, type Registry } from 'prom-client';
import { ensureMetric } from './ensure-metric';
import { type CappedHistogram, capHistogram } from './labelled';

/** Distinct `page` values of the web-vitals histograms before the rest share `other`. */
export const MAX_WEB_VITAL_PAGES = 50;

const DEVICE_CLASSES = new Set(['desktop', 'mobile', 'tablet']);
const GENERATION_BUCKETS = [1, 2.5, 5, 10, 15, 20, 30, 45, 60, 120, 300, 600];
const SCORE_BUCKETS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

// Each web vital with its unit and buckets; the edges include the good and poor thresholds.
const WEB_VITALS = {
  LCP: { suffix: 'lcp_seconds', millis: true, buckets: [0.5, 1, 1.5, 2, 2.5, 3, 4, 6, 10] },
  INP: { suffix: 'inp_seconds', millis: true, buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2] },
  FCP: { suffix: 'fcp_seconds', millis: true, buckets: [0.5, 1, 1.8, 2.5, 3, 4, 6, 10] },
  TTFB: { suffix: 'ttfb_seconds', millis: true, buckets: [0.1, 0.2, 0.4, 0.8, 1.2, 1.8, 3, 6] },
  CLS: { suffix: 'cls', millis: false, buckets: [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1] },
} as const;

type WebVitalName = keyof typeof WEB_VITALS;

/** Observes the measurements that business events carry into their histograms. */
export interface EventHistograms {
  observe(event: MonitorEvent): void;
}

/**
 * Creates the histograms of the events that the catalog has: generation duration from
 * `site_generated`, lead score from `lead` and one histogram per web vital from `web_vital`.
 */
export function createEventHistograms(
  registry: Registry,
  catalog: Catalog,
  prefix: string,
): EventHistograms {
  const make = (suffix: string, help: string, labelNames: string[], buckets: number[]) => {
    const name = `${prefix}_${suffix}`;
    const histogram = ensureMetric(registry, name, () => {
      return new Histogram({ name, help, labelNames, buckets, registers: [] });
    });
    return capHistogram(histogram, labelNames, MAX_WEB_VITAL_PAGES);
  };
  const has = (name: string) => Object.hasOwn(catalog, name);
  const generation = has('site_generated')
    ? make(
        'site_generation_duration_seconds',
        'Duration of AI site generations.',
        ['outcome'],
        GENERATION_BUCKETS,
      )
    : undefined;
  const score = has('lead')
    ? make('lead_score', 'Scores of captured leads (0 to 100).', [], SCORE_BUCKETS)
    : undefined;
  const vitals = new Map<string, CappedHistogram>();
  if (has('web_vital')) {
    for (const [metric, spec] of Object.entries(WEB_VITALS)) {
      const help = `Web vital ${metric} reported by browsers.`;
      vitals.set(
        metric,
        make(`web_vitals_${spec.suffix}`, help, ['page', 'device_class'], [...spec.buckets]),
      );
    }
  }

  return {
    observe(event) {
      const p = event.properties;
      if (event.name === 'site_generated' && generation && isMeasure(p.durationSeconds)) {
        generation.observe(
          { outcome: String(event.labels.outcome ?? p.outcome) },
          p.durationSeconds,
        );
      } else if (event.name === 'lead' && score && isMeasure(p.score)) {
        score.observe({}, p.score);
      } else if (event.name === 'web_vital') {
        observeWebVital(vitals, p);
      }
    },
  };
}

function observeWebVital(
  vitals: Map<string, CappedHistogram>,
  p: Readonly<Record<string, unknown>>,
) {
  const metric = String(p.metric);
  const histogram = vitals.get(metric);
  if (!histogram || !isMeasure(p.value)) return;
  const spec = WEB_VITALS[metric as WebVitalName];
  const page = typeof p.page === 'string' ? pageLabel(p.page) : 'other';
  const device =
    typeof p.deviceClass === 'string' && DEVICE_CLASSES.has(p.deviceClass)
      ? p.deviceClass
      : 'other';
  histogram.observe({ page, device_class: device }, spec.millis ? p.value / 1000 : p.value);
}

/**
 * Returns the page as a label: without its query or fragment, and with every segment that could
 * carry personal data or a token (an `@`, an encoded `@` or an `=`) replaced by `:value`. The
 * browser already sends templates; this covers any other client of the public ingest endpoint.
 */
export function pageLabel(page: string): string {
  const path = page.split(/[?#]/, 1)[0] ?? '';
  return path
    .split('/')
    .map((segment) => (/@|%40|=/i.test(segment) ? ':value' : segment))
    .join('/');
}

function isMeasure(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
