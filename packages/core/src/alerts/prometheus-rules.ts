import { formatDuration } from './duration';
import { rulePromQl } from './promql';
import type { AlertRule } from './rule';
import type { YamlObject } from './yaml';

/** A recording rule: the series to record and its PromQL expression. */
export interface RecordingRuleSpec {
  readonly record: string;
  readonly expr: string;
}

export interface PrometheusRuleFileOptions {
  /** Name prefix of the two rule groups. Default: `foursite`. */
  groupPrefix?: string;
  /** Evaluation interval of both groups in milliseconds. Default: Prometheus' global interval. */
  intervalMillis?: number;
}

/** Returns the annotations of a rule's alert, shared by the rule file and its unit tests. */
export function ruleAnnotations(rule: AlertRule): Record<string, string> {
  const annotations: Record<string, string> = { summary: rule.summary, response: rule.response };
  if (rule.runbookUrl) annotations.runbook_url = rule.runbookUrl;
  return annotations;
}

/** Returns the labels of a rule's alert, without `alertname`. */
export function ruleLabels(rule: AlertRule): Record<string, string> {
  return { ...rule.labels, severity: rule.severity };
}

/** Converts one rule to a Prometheus alerting rule. */
export function toAlertingRule(rule: AlertRule): YamlObject {
  const keep = rule.keepFiringForMillis ?? 0;
  return {
    alert: rule.name,
    expr: rulePromQl(rule),
    for: formatDuration(rule.forMillis ?? 0),
    keep_firing_for: keep > 0 ? formatDuration(keep) : undefined,
    labels: ruleLabels(rule),
    annotations: ruleAnnotations(rule),
  };
}

/**
 * Builds a Prometheus rule file: one group of recording rules (evaluated first, so alerts can
 * read what they record) and one group of alerting rules. Serialize it with `toYaml()`.
 */
export function prometheusRuleFile(
  rules: readonly AlertRule[],
  recordingRules: readonly RecordingRuleSpec[] = [],
  options: PrometheusRuleFileOptions = {},
): YamlObject {
  const prefix = options.groupPrefix ?? 'foursite';
  const interval = options.intervalMillis ? formatDuration(options.intervalMillis) : undefined;
  const groups: YamlObject[] = [];
  if (recordingRules.length > 0) {
    groups.push({
      name: `${prefix}-recording`,
      interval,
      rules: recordingRules.map((rule) => ({ record: rule.record, expr: rule.expr })),
    });
  }
  groups.push({ name: `${prefix}-alerts`, interval, rules: rules.map(toAlertingRule) });
  return { groups };
}
