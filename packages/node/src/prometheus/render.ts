import type { Registry } from 'prom-client';
import { renderSliced } from './sliced-render';

/** Content type of the Prometheus text format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Content type of OpenMetrics 1.0.0. */
export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** A rendered exposition, ready to send. */
export interface RenderedMetrics {
  readonly contentType: string;
  readonly body: string;
}

/** One metric as `registry.getMetricsAsJSON()` returns it. */
export type MetricJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>[number];

/**
 * Renders a registry in the format that an `Accept` header prefers: OpenMetrics when the client
 * ranks it at least as high as the text format (Prometheus does), the text format otherwise.
 * Both yield to the event loop while they render, so a large scrape does not stall requests.
 */
export async function renderExposition(registry: Registry, accept = ''): Promise<RenderedMetrics> {
  try {
    return await renderPreferred(registry, accept);
  } catch {
    // Not a prom-client registry, or a collector that throws: an empty exposition is still valid.
    return { contentType: PROMETHEUS_CONTENT_TYPE, body: '' };
  }
}

async function renderPreferred(registry: Registry, accept: string): Promise<RenderedMetrics> {
  // prom-client's own OpenMetrics mode renames counters in place, which breaks the text format
  // of the same registry afterwards, so both formats are rendered here.
  if (!prefersOpenMetrics(accept)) {
    return { contentType: PROMETHEUS_CONTENT_TYPE, body: await renderSliced(registry, 'text') };
  }
  return {
    contentType: OPENMETRICS_CONTENT_TYPE,
    body: await renderSliced(registry, 'openmetrics'),
  };
}

/** Returns whether an `Accept` header ranks OpenMetrics at least as high as the text format. */
export function prefersOpenMetrics(accept: string): boolean {
  if (typeof accept !== 'string') return false;
  let openMetrics = 0;
  let text = 0;
  for (const part of accept.split(',').slice(0, 20)) {
    const [type = '', ...params] = part.split(';').map((item) => item.trim().toLowerCase());
    const q = qualityOf(params);
    if (type === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, q);
  }
  return openMetrics > 0 && openMetrics >= text;
}

function qualityOf(params: string[]): number {
  const q = params.find((param) => param.startsWith('q='));
  const value = q ? Number(q.slice(2)) : 1;
  return Number.isFinite(value) ? value : 0;
}
