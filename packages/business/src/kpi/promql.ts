import { MonitorError } from '@4site/monitor-core';
import { fourSiteCatalog } from '../catalog/catalog';
import type { KpiName } from './compute';

/** Options of the PromQL expressions and recording rules of the KPIs. */
export interface KpiPromQlOptions {
  /** Metric name prefix, the Node monitor's `prometheus.prefix`. Default: `foursite`. */
  prefix?: string;
  /** Range of every `increase()`, in milliseconds. Default: 3600000 (one hour). */
  windowMillis?: number;
}

/** A Prometheus recording rule: the series name to record and its expression. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

const METRIC_PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DURATION_UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/**
 * Returns the PromQL expression of each KPI over the counters that the Node monitor exports.
 * A denominator of zero yields no sample, which matches `null` (no data) in `computeKpis()`.
 * Throws a MonitorError on an invalid prefix or window.
 */
export function kpiPromQl(options: KpiPromQlOptions = {}): Readonly<Record<KpiName, string>> {
  const prefix = checkPrefix(options.prefix ?? 'foursite');
  const range = formatDuration(options.windowMillis ?? 3_600_000);
  const series = (event: keyof typeof fourSiteCatalog) =>
    `${prefix}_${fourSiteCatalog[event].metric}_total`;
  const increase = (name: string, matcher = '') => `sum(increase(${name}${matcher}[${range}]))`;
  const ratio = (numerator: string, denominator: string) => `${numerator} / (${denominator} > 0)`;

  const visits = increase(series('visit'));
  const generations = increase(series('site_generated'), '{outcome="success"}');
  const shares = increase(series('share'));
  const referrals = increase(series('referral'));
  const sessions = increase(series('session_end'));
  return {
    generationRate: ratio(generations, visits),
    shareRate: ratio(shares, generations),
    referralRate: ratio(referrals, shares),
    viralCoefficient: ratio(referrals, generations),
    leadCaptureRate: ratio(increase(series('lead')), visits),
    // NOTE: reads the `<prefix>_lead_score` histogram that the Node monitor observes from each
    // lead's `score`; a Prometheus without that histogram records nothing for this rule.
    leadQuality: ratio(
      increase(`${prefix}_lead_score_sum`),
      increase(`${prefix}_lead_score_count`),
    ),
    bounceRate: ratio(increase(series('session_end'), '{bounced="true"}'), sessions),
    sourceAttribution: `sum by (channel) (increase(${series('visit')}[${range}])) / ignoring(channel) group_left() (${visits} > 0)`,
  };
}

/**
 * Returns one recording rule per KPI, ready for a rule group of a Prometheus rule file. Names
 * follow the `level:metric:operations` convention, `<prefix>:<kpi>:<ratio|mean>_<window>`, such
 * as `foursite:viral_coefficient:ratio_1h`; lead quality is the only mean.
 */
export function kpiRecordingRules(options: KpiPromQlOptions = {}): readonly RecordingRule[] {
  const expressions = kpiPromQl(options);
  const prefix = options.prefix ?? 'foursite';
  const range = formatDuration(options.windowMillis ?? 3_600_000);
  return Object.entries(expressions).map(([name, expr]) => ({
    record: `${prefix}:${toSnakeCase(name)}:${name === 'leadQuality' ? 'mean' : 'ratio'}_${range}`,
    expr,
  }));
}

function checkPrefix(prefix: string): string {
  if (!METRIC_PREFIX.test(prefix)) {
    throw new MonitorError(
      `Invalid prefix "${prefix}": use letters, digits and underscores, not starting with a digit.`,
    );
  }
  return prefix;
}

/** Formats milliseconds as a Prometheus duration, such as `1h30m`. */
function formatDuration(millis: number): string {
  if (!Number.isInteger(millis) || millis <= 0) {
    throw new MonitorError(
      `Invalid windowMillis ${millis}: use a positive whole number of milliseconds, such as 3600000.`,
    );
  }
  let rest = millis;
  let duration = '';
  for (const [unit, size] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) duration += `${count}${unit}`;
    rest -= count * size;
  }
  return duration;
}

const toSnakeCase = (name: string) =>
  name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
