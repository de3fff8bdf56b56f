import type { NavigationType, WebVitalMetric } from '@4site/monitor-business';
import type { Logger } from '@4site/monitor-core';
import { detectDeviceClass } from './device-class';

type AnyMetric = import('web-vitals/attribution').MetricWithAttribution;

/** Properties of a `web_vital` event, as the catalog defines them. */
export interface WebVitalProperties {
  metric: WebVitalMetric;
  value: number;
  id: string;
  page: string;
  navigationType: NavigationType;
  deviceClass: 'desktop' | 'mobile' | 'tablet';
  rating: 'good' | 'needs-improvement' | 'poor';
}

export interface WebVitalsOptions {
  logger: Logger;
  /** The current page as a route template. */
  page(): string;
  /** Receives each measurement once per metric id. */
  report(properties: WebVitalProperties, target: string | undefined): void;
}

const TARGET_FIELDS: Record<string, string> = {
  LCP: 'target',
  INP: 'interactionTarget',
  CLS: 'largestShiftTarget',
};

/**
 * Loads the attribution build of `web-vitals` and reports LCP, INP, CLS, FCP and TTFB. Each
 * metric is reported when `web-vitals` finalises it, usually when the page is hidden, and again
 * with a new id after a restore from the back/forward cache. The element selector of the
 * attribution is passed beside the event, never inside it, because it is unbounded text.
 */
export async function collectWebVitals(options: WebVitalsOptions): Promise<void> {
  if (typeof window === 'undefined' || typeof PerformanceObserver === 'undefined') return;
  const vitals = await import('web-vitals/attribution');
  const deviceClass = detectDeviceClass();
  const handle = (metric: AnyMetric): void => {
    try {
      options.report(toProperties(metric, options.page(), deviceClass), targetOf(metric));
    } catch (error) {
      options.logger.error(`Reporting ${metric.name} failed.`, error);
    }
  };
  vitals.onLCP(handle);
  vitals.onINP(handle);
  vitals.onCLS(handle);
  vitals.onFCP(handle);
  vitals.onTTFB(handle);
}

function toProperties(
  metric: AnyMetric,
  page: string,
  deviceClass: WebVitalProperties['deviceClass'],
): WebVitalProperties {
  return {
    metric: metric.name as WebVitalMetric,
    value: Math.max(0, metric.value),
    id: metric.id.slice(0, 128),
    page,
    // A soft navigation is a route change inside the app, which the catalog counts as navigate.
    navigationType:
      metric.navigationType === 'soft-navigation' ? 'navigate' : metric.navigationType,
    deviceClass,
    rating: metric.rating,
  };
}

function targetOf(metric: AnyMetric): string | undefined {
  const field = TARGET_FIELDS[metric.name];
  const attribution = metric.attribution as unknown as Record<string, unknown> | undefined;
  const value = field ? attribution?.[field] : undefined;
  return typeof value === 'string' ? value.slice(0, 256) : undefined;
}
