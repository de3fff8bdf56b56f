import type { DashboardDocument, DashboardSample } from '@4site/monitor-node';
import { count, decimal, duration, NO_DATA, percent, rating, windowLength } from './format';

type Alerts = NonNullable<DashboardDocument['alerts']>;

const text = (id: string, value: string) => {
  const element = document.getElementById(id);
  if (element && element.textContent !== value) element.textContent = value;
};

/** Good and poor p75 thresholds of each web vital, in seconds (CLS is unitless). */
const VITAL_THRESHOLDS = {
  LCP: [2.5, 4],
  INP: [0.2, 0.5],
  CLS: [0.1, 0.25],
  FCP: [1.8, 3],
  TTFB: [0.8, 1.8],
} as const;

/** Writes the header, KPI numbers and tables of one sample. */
export function renderSample(sample: DashboardSample): void {
  const { counts, kpis } = sample;
  text('viral-value', decimal(kpis.viralCoefficient, 2));
  text(
    'windows',
    `KPI window: ${windowLength(sample.kpiWindowMillis)}, latency window: ${windowLength(sample.latencyWindowMillis)}`,
  );
  text('updated', `updated: ${new Date(sample.at).toLocaleTimeString('en-GB')}`);
  text('lead-capture', percent(kpis.leadCaptureRate));
  text('lead-quality', decimal(kpis.leadQuality, 0, 'points'));
  text('generation-p95', duration(sample.siteGenerationP95Seconds));
  text('generation-failures', count(counts.generationFailures, 'failure'));
  text('api-p95', duration(sample.apiP95Seconds));
  text('auth-failures', count(counts.authFailures, 'failure'));
  text('rate-limits', count(counts.rateLimitViolations, 'violation'));
  renderFunnel(sample);
  renderVitals(sample);
}

function renderFunnel({ counts, kpis }: DashboardSample): void {
  text('funnel-visits-count', count(counts.visits, 'visit'));
  text('funnel-generations-count', count(counts.generations, 'site'));
  text('funnel-generations-rate', percent(kpis.generationRate));
  text('funnel-shares-count', count(counts.shares, 'share'));
  text('funnel-shares-rate', percent(kpis.shareRate));
  text('funnel-referrals-count', count(counts.referrals, 'conversion'));
  text('funnel-referrals-rate', percent(kpis.referralRate));
}

// The threshold column is static HTML; these cells change with each sample.
function renderVitals(sample: DashboardSample): void {
  for (const [name, [good, poor]] of Object.entries(VITAL_THRESHOLDS)) {
    const value = sample.webVitalsP75[name as keyof typeof VITAL_THRESHOLDS];
    text(`vital-${name}-value`, name === 'CLS' ? decimal(value, 3) : duration(value));
    const grade = rating(value, good, poor);
    text(`vital-${name}-rating`, grade === 'none' ? NO_DATA : grade.replace('-', ' '));
    const cell = document.getElementById(`vital-${name}-rating`);
    if (cell) cell.className = grade;
  }
}

/** Lists the alerts that are pending or firing, with their summary and response. */
export function renderAlerts(alerts: Alerts | null): void {
  const list = document.getElementById('alerts') as HTMLElement;
  const active = (alerts?.alerts ?? []).filter((alert) => alert.status !== 'inactive');
  if (active.length === 0) {
    const item = document.createElement('li');
    item.className = 'quiet';
    item.textContent = alerts ? 'No alert is pending or firing.' : 'Alert states: no data.';
    list.replaceChildren(item);
    return;
  }
  list.replaceChildren(
    ...active.map((alert) => {
      const item = document.createElement('li');
      item.className = alert.status;
      item.dataset.alert = alert.name;
      item.dataset.status = alert.status;
      const title = document.createElement('strong');
      title.textContent = `${alert.status.toUpperCase()} ${alert.severity}: ${alert.name}`;
      const detail = document.createElement('div');
      const summary = alert.annotations.summary ?? '';
      detail.textContent = `${summary} Response: ${alert.annotations.response ?? NO_DATA}`;
      item.append(title, detail);
      return item;
    }),
  );
}
