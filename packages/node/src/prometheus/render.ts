import type { Registry } from 'prom-client';

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
type Sample = MetricJson['values'][number] & { metricName?: string };

/**
 * Renders a registry in the format that an `Accept` header prefers: OpenMetrics when the client
 * ranks it at least as high as the text format (Prometheus does), the text format otherwise.
 */
export async function renderExposition(registry: Registry, accept = ''): Promise<RenderedMetrics> {
  if (!prefersOpenMetrics(accept)) {
    return { contentType: PROMETHEUS_CONTENT_TYPE, body: await registry.metrics() };
  }
  // prom-client's own OpenMetrics mode renames counters in place, which breaks the text format
  // of the same registry afterwards. So OpenMetrics is rendered here from the registry's JSON.
  return {
    contentType: OPENMETRICS_CONTENT_TYPE,
    body: toOpenMetrics(await registry.getMetricsAsJSON()),
  };
}

/** Returns whether an `Accept` header ranks OpenMetrics at least as high as the text format. */
export function prefersOpenMetrics(accept: string): boolean {
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

/** Renders metrics in the OpenMetrics 1.0.0 text format, ending with `# EOF`. */
export function toOpenMetrics(metrics: readonly MetricJson[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    const counter = String(metric.type) === 'counter';
    const family = counter ? metric.name.replace(/_total$/, '') : metric.name;
    lines.push(`# HELP ${family} ${escapeHelp(metric.help)}`, `# TYPE ${family} ${metric.type}`);
    for (const sample of metric.values as Sample[]) {
      const name = counter ? `${family}_total` : (sample.metricName ?? metric.name);
      lines.push(`${name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function formatLabels(labels: Readonly<Record<string, string | number | undefined>> = {}): string {
  const pairs = Object.entries(labels)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}="${escapeLabel(String(value))}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

// OpenMetrics escapes quotes in help text too, unlike the Prometheus text format.
const escapeHelp = escapeLabel;
