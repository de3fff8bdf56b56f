import type { Metric, MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

/** Exposition formats that the renderer writes. */
export type ExpositionFormat = 'text' | 'openmetrics';

type Sample = MetricValue<string> & { metricName?: string; sharedLabels?: Record<string, string> };
type Family = MetricObjectWithValues<Sample>;

// Maximum run of synchronous formatting before the renderer yields to the event loop.
const SLICE_MILLIS = 5;

/**
 * Renders a registry in the Prometheus text format 0.0.4, byte for byte as
 * `registry.metrics()` does, or in OpenMetrics 1.0.0, yielding to the event loop every few
 * milliseconds. prom-client formats each metric in one synchronous run, which blocks every
 * request of the app for about 100 ms at 50k series (bench/, 2-core machine).
 */
export async function renderSliced(registry: Registry, format: ExpositionFormat): Promise<string> {
  const defaultLabels = defaultLabelsOf(registry);
  const blocks: string[] = [];
  // Every bucket of a histogram series shares one labels object, so it is formatted once.
  const sharedCache = new Map<object, string>();
  let sliceStart = performance.now();
  let sinceCheck = 0;

  for (const metric of registry.getMetricsAsArray() as unknown as Metric<string>[]) {
    const family = (await familyOf(metric, format)) as Family;
    const counter = format === 'openmetrics' && String(family.type) === 'counter';
    const name = counter ? family.name.replace(/_total$/, '') : family.name;
    const help = format === 'openmetrics' ? escapeLabelValue(family.help) : escapeText(family.help);
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${family.type}`];
    for (const sample of family.values ?? []) {
      const sampleName = counter ? `${name}_total` : (sample.metricName ?? name);
      lines.push(
        `${sampleName}${formatLabels(sample, defaultLabels, sharedCache)} ${formatValue(sample.value)}`,
      );
      // Reading the clock costs about as much as formatting a short line, so it is read rarely.
      if (++sinceCheck < 32) continue;
      sinceCheck = 0;
      if (performance.now() - sliceStart > SLICE_MILLIS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    blocks.push(lines.join('\n'));
  }
  if (format === 'openmetrics') return `${[...blocks, '# EOF'].join('\n')}\n`;
  return `${blocks.join('\n\n')}\n`;
}

// Histograms offer a variant of get() that marks their own labels as shared. That decides the
// order of labels in prom-client's text output, so the text format follows it to match.
function familyOf(metric: Metric<string>, format: ExpositionFormat) {
  const withShared = metric as Metric<string> & { getForPromString?: () => Promise<unknown> };
  return format === 'text' && typeof withShared.getForPromString === 'function'
    ? withShared.getForPromString()
    : metric.get();
}

function defaultLabelsOf(registry: Registry): Record<string, string> | null {
  // prom-client keeps default labels in a private field and has no getter for them.
  const labels = (registry as unknown as { _defaultLabels?: Record<string, string> })
    ._defaultLabels;
  return labels && Object.keys(labels).length > 0 ? labels : null;
}

const NO_LABELS: Record<string, string> = {};

function formatLabels(
  sample: Sample,
  defaultLabels: Record<string, string> | null,
  sharedCache: Map<object, string>,
): string {
  const own = sample.labels ?? {};
  const labels = defaultLabels ? { ...own, ...defaultLabels, ...own } : own;
  const shared = sample.sharedLabels ?? NO_LABELS;
  const parts: string[] = [];
  for (const [label, value] of Object.entries(labels)) {
    if (value !== undefined && !Object.hasOwn(shared, label)) {
      parts.push(`${label}="${escapeLabelValue(value)}"`);
    }
  }
  let sharedText = sharedCache.get(shared);
  if (sharedText === undefined) {
    sharedText = Object.entries(shared)
      .map(([label, value]) => `${label}="${escapeLabelValue(value)}"`)
      .join(',');
    sharedCache.set(shared, sharedText);
  }
  if (sharedText !== '') parts.push(sharedText);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return String(value);
}

const NEEDS_ESCAPE = /[\\\n"]/;

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(value: unknown): string {
  const text = String(value);
  // Most label values need no escaping, and a test is cheaper than three replacements.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeText(text).replace(/"/g, '\\"');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
