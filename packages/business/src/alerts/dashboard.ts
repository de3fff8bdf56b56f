import type { KpiName } from '../kpi/compute';
import { type KpiRecordingOptions, kpiRecordName } from './recording-rules';

export interface DashboardOptions extends KpiRecordingOptions {
  /** Dashboard title. Default: `4site monitor`. */
  title?: string;
  /** Dashboard uid, 1 to 40 characters. Default: `foursite-monitor`. */
  uid?: string;
}

interface PanelSpec {
  readonly title: string;
  /** Grafana unit id, such as `s`, `percentunit` or `short`. */
  readonly unit: string;
  readonly targets: readonly { readonly expr: string; readonly legend: string }[];
}

// Grafana replaces the `datasource` variable, so the dashboard works with any Prometheus source.
const DATASOURCE = { type: 'prometheus', uid: /* @__PURE__ */ ['$', '{datasource}'].join('') };

const quantile = (q: number, metric: string, range: string, by = '') =>
  `histogram_quantile(${q}, sum by (le${by ? `, ${by}` : ''}) (rate(${metric}_bucket[${range}])))`;

function businessPanels(prefix: string, options: KpiRecordingOptions): PanelSpec[] {
  const record = (kpi: KpiName) => kpiRecordName(kpi, { ...options, prefix });
  const count = (metric: string, matcher = '') =>
    `sum(increase(${prefix}_${metric}_total${matcher}[1h]))`;
  return [
    {
      title: 'Funnel: events per hour',
      unit: 'short',
      targets: [
        { expr: count('visits'), legend: 'visits' },
        { expr: count('site_generations', '{outcome="success"}'), legend: 'generations' },
        { expr: count('shares'), legend: 'shares' },
        { expr: count('referrals'), legend: 'referral conversions' },
      ],
    },
    {
      title: 'Funnel rates',
      unit: 'percentunit',
      targets: [
        { expr: record('generationRate'), legend: 'generation rate' },
        { expr: record('shareRate'), legend: 'share rate' },
        { expr: record('referralRate'), legend: 'referral rate' },
      ],
    },
    {
      title: 'Viral coefficient K',
      unit: 'none',
      targets: [{ expr: record('viralCoefficient'), legend: 'K' }],
    },
    {
      title: 'Lead capture rate',
      unit: 'percentunit',
      targets: [{ expr: record('leadCaptureRate'), legend: 'leads / visits' }],
    },
    {
      title: 'Lead quality (mean score)',
      unit: 'none',
      targets: [{ expr: record('leadQuality'), legend: 'score' }],
    },
    {
      title: 'Source attribution',
      unit: 'percentunit',
      targets: [{ expr: record('sourceAttribution'), legend: '{{channel}}' }],
    },
  ];
}

function performancePanels(prefix: string): PanelSpec[] {
  const vital = (name: string) => quantile(0.75, `${prefix}_web_vitals_${name}`, '15m');
  return [
    {
      title: 'Web vitals p75 (seconds)',
      unit: 's',
      targets: ['lcp', 'inp', 'fcp', 'ttfb'].map((name) => ({
        expr: vital(`${name}_seconds`),
        legend: name.toUpperCase(),
      })),
    },
    { title: 'CLS p75', unit: 'none', targets: [{ expr: vital('cls'), legend: 'CLS' }] },
    {
      title: 'API p95 by route',
      unit: 's',
      targets: [
        {
          expr: quantile(0.95, 'http_server_request_duration_seconds', '5m', 'route'),
          legend: '{{route}}',
        },
      ],
    },
    {
      title: 'Site generation p95',
      unit: 's',
      targets: [
        {
          expr: quantile(0.95, `${prefix}_site_generation_duration_seconds`, '15m'),
          legend: 'p95',
        },
      ],
    },
    {
      title: 'Database mean query duration',
      unit: 's',
      targets: [
        {
          expr: `sum by (operation) (rate(${prefix}_db_query_duration_seconds_sum[5m])) / (sum by (operation) (rate(${prefix}_db_query_duration_seconds_count[5m])) > 0)`,
          legend: '{{operation}}',
        },
      ],
    },
  ];
}

function securityPanels(prefix: string): PanelSpec[] {
  return [
    {
      title: 'Failed auth attempts per hour',
      unit: 'short',
      targets: [
        {
          expr: `sum by (reason) (increase(${prefix}_auth_failures_total[1h]))`,
          legend: '{{reason}}',
        },
      ],
    },
    {
      title: 'Rate-limit violations per 15 minutes',
      unit: 'short',
      targets: [
        {
          expr: `sum by (scope) (increase(${prefix}_rate_limit_violations_total[15m]))`,
          legend: '{{scope}}',
        },
      ],
    },
    {
      title: 'TLS certificate days left',
      unit: 'd',
      targets: [
        {
          expr: `min by (host) (${prefix}_tls_certificate_expiry_seconds) / 86400`,
          legend: '{{host}}',
        },
      ],
    },
    {
      title: 'Failed alert notifications',
      unit: 'short',
      targets: [
        {
          expr: `sum by (channel) (increase(${prefix}_alert_notifications_failed_total[1h]))`,
          legend: '{{channel}}',
        },
      ],
    },
  ];
}

/** Lays rows out top to bottom, two panels of 12 columns by 8 rows side by side. */
function layout(rows: readonly [string, PanelSpec[]][]): Record<string, unknown>[] {
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const [title, specs] of rows) {
    panels.push({
      id: id++,
      type: 'row',
      title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    specs.forEach((spec, index) => {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: spec.title,
        datasource: DATASOURCE,
        gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: y + Math.floor(index / 2) * 8 },
        fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
        options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true } },
        targets: spec.targets.map((target, ref) => ({
          refId: String.fromCharCode(65 + ref),
          datasource: DATASOURCE,
          expr: target.expr,
          legendFormat: target.legend,
        })),
      });
    });
    y += Math.ceil(specs.length / 2) * 8;
  }
  return panels;
}

/**
 * Builds a Grafana dashboard (JSON model, schema version 39) with business, performance and
 * security rows over the series of the Node monitor and the KPI recording rules.
 */
export function fourSiteDashboard(options: DashboardOptions = {}): Record<string, unknown> {
  const prefix = options.prefix ?? 'foursite';
  return {
    uid: options.uid ?? 'foursite-monitor',
    title: options.title ?? '4site monitor',
    tags: ['4site'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          current: {},
        },
      ],
    },
    panels: layout([
      ['Business', businessPanels(prefix, options)],
      ['Performance', performancePanels(prefix)],
      ['Security', securityPanels(prefix)],
    ]),
  };
}
