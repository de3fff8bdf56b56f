import { MonitorError } from '../errors';

/** Urgency of an alert. Escalation policies and Alertmanager routes select alerts by it. */
export type AlertSeverity = 'critical' | 'warning' | 'info';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

/** Comparison of the watched value with the threshold. The alert is active while it is true. */
export type AlertComparison = '>' | '>=' | '<' | '<=';

/** Label matchers of a series selector: exact values, such as `{ outcome: 'failure' }`. */
export type LabelMatchers = Readonly<Record<string, string>>;

/** A KPI of the business package, recorded in Prometheus as the series `record`. */
export interface KpiAlertSource {
  readonly kind: 'kpi';
  /** KPI name in the in-process KPI sink, such as `viralCoefficient`. */
  readonly kpi: string;
  /** Recorded series that contains the KPI in Prometheus, such as `foursite:viral_coefficient:ratio_1h`. */
  readonly record: string;
}

/** Increase of a counter over a window, summed over every matching series. */
export interface IncreaseAlertSource {
  readonly kind: 'increase';
  /** Counter name with its `_total` suffix. */
  readonly metric: string;
  readonly matchers?: LabelMatchers;
  /** Window in milliseconds, a whole number of seconds. */
  readonly windowMillis: number;
}

/** Quantile of a histogram over a window, from its `_bucket` series. */
export interface QuantileAlertSource {
  readonly kind: 'quantile';
  /** Histogram base name, without `_bucket`. */
  readonly metric: string;
  /** Quantile from 0 to 1, such as 0.95. */
  readonly quantile: number;
  readonly matchers?: LabelMatchers;
  readonly windowMillis: number;
}

/** Mean of a histogram or summary over a window: increase of `_sum` / increase of `_count`. */
export interface MeanAlertSource {
  readonly kind: 'mean';
  readonly metric: string;
  readonly matchers?: LabelMatchers;
  readonly windowMillis: number;
}

/** Ratio of two counter increases over the same window, such as failures / attempts. */
export interface RatioAlertSource {
  readonly kind: 'ratio';
  readonly numerator: { readonly metric: string; readonly matchers?: LabelMatchers };
  readonly denominator: { readonly metric: string; readonly matchers?: LabelMatchers };
  readonly windowMillis: number;
}

/** Current value of a gauge, aggregated over the matching series. */
export interface GaugeAlertSource {
  readonly kind: 'gauge';
  readonly metric: string;
  readonly matchers?: LabelMatchers;
  readonly aggregation: 'min' | 'max' | 'sum' | 'avg';
}

/** Source of the value that a rule watches. */
export type AlertSource =
  | KpiAlertSource
  | IncreaseAlertSource
  | QuantileAlertSource
  | MeanAlertSource
  | RatioAlertSource
  | GaugeAlertSource;

/** One alert rule, the single definition behind the evaluator, the rule files and the dashboards. */
export interface AlertRule<Name extends string = string> {
  /** Alert name, `[A-Za-z_][A-Za-z0-9_]*`, such as `ViralCoefficientDrop`. */
  readonly name: Name;
  readonly source: AlertSource;
  readonly comparison: AlertComparison;
  /** Threshold in the source's base unit (seconds, a fraction 0-1, a count). */
  readonly threshold: number;
  /** How long the condition must hold before the alert fires, in milliseconds. Default: 0. */
  readonly forMillis?: number;
  /** How long a firing alert stays firing after the condition clears, in milliseconds. Default: 0. */
  readonly keepFiringForMillis?: number;
  readonly severity: AlertSeverity;
  /** One-line description of the problem. */
  readonly summary: string;
  /** Action for the person on call. */
  readonly response: string;
  /** Link to the runbook. Default: none. */
  readonly runbookUrl?: string;
  /** Extra labels on the alert, such as `{ team: 'growth' }`. Default: none. */
  readonly labels?: LabelMatchers;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const RESERVED_LABELS = new Set(['alertname', 'severity']);

/**
 * Checks a rule and returns it unchanged, so a literal keeps its types. Throws a MonitorError that
 * names the rule, the field and the fix.
 */
export function defineAlertRule<Name extends string>(rule: AlertRule<Name>): AlertRule<Name> {
  const fail = (message: string): never => {
    throw new MonitorError(`Invalid alert rule "${rule.name}": ${message}`);
  };
  if (!NAME.test(rule.name)) fail('use letters, digits and underscores as its name.');
  if (!Number.isFinite(rule.threshold))
    fail(`threshold ${rule.threshold} must be a finite number.`);
  if (!['>', '>=', '<', '<='].includes(rule.comparison)) {
    fail(`comparison "${rule.comparison}" must be one of >, >=, <, <=.`);
  }
  if (!(rule.severity && ['critical', 'warning', 'info'].includes(rule.severity))) {
    fail(`severity "${rule.severity}" must be critical, warning or info.`);
  }
  checkMillis(rule.forMillis ?? 0, 'forMillis', fail);
  checkMillis(rule.keepFiringForMillis ?? 0, 'keepFiringForMillis', fail);
  for (const label of Object.keys(rule.labels ?? {})) {
    if (RESERVED_LABELS.has(label) || !NAME.test(label))
      fail(`label "${label}" is reserved or invalid.`);
  }
  checkSource(rule.source, fail);
  return rule;
}

function checkMillis(value: number, field: string, fail: (message: string) => never): void {
  if (!Number.isInteger(value) || value < 0 || value % 1000 !== 0) {
    fail(`${field} ${value} must be a whole number of seconds in milliseconds, such as 300000.`);
  }
}

function checkSource(source: AlertSource, fail: (message: string) => never): void {
  const metrics =
    source.kind === 'ratio'
      ? [source.numerator.metric, source.denominator.metric]
      : source.kind === 'kpi'
        ? [source.record]
        : [source.metric];
  for (const metric of metrics) {
    if (!METRIC.test(metric)) fail(`metric "${metric}" is not a valid Prometheus metric name.`);
  }
  if ('windowMillis' in source) {
    if (source.windowMillis <= 0) fail('windowMillis must be positive.');
    checkMillis(source.windowMillis, 'windowMillis', fail);
  }
  if (source.kind === 'quantile' && !(source.quantile >= 0 && source.quantile <= 1)) {
    fail(`quantile ${source.quantile} must be from 0 to 1, such as 0.95.`);
  }
}

/** Checks a list of rules and that their names are unique. */
export function checkAlertRules(rules: readonly AlertRule[]): readonly AlertRule[] {
  const names = new Set<string>();
  for (const rule of rules) {
    defineAlertRule(rule);
    if (names.has(rule.name)) {
      throw new MonitorError(`Duplicate alert rule "${rule.name}": give each rule its own name.`);
    }
    names.add(rule.name);
  }
  return rules;
}

/** Returns whether `value` meets the rule's condition. */
export function compare(value: number, comparison: AlertComparison, threshold: number): boolean {
  // Values come from metric readers at runtime, so anything but two numbers never matches.
  if (typeof value !== 'number' || typeof threshold !== 'number') return false;
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    default:
      return false;
  }
}
