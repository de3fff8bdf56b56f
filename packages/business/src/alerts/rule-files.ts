import {
  type AlertRule,
  defaultScenarioTests,
  type PrometheusRuleFileOptions,
  prometheusRuleFile,
  promtoolTestFile,
  toYaml,
} from '@4site/monitor-core';
import { type KpiRecordingOptions, kpiRecordingRuleSpecs } from './recording-rules';

export interface FourSiteRuleFileOptions extends KpiRecordingOptions, PrometheusRuleFileOptions {}

/** Writes the Prometheus rule file (KPI recording rules and the alerting rules) as YAML. */
export function fourSiteRuleFileYaml(
  rules: readonly AlertRule[],
  options: FourSiteRuleFileOptions = {},
): string {
  return toYaml(prometheusRuleFile(rules, kpiRecordingRuleSpecs(options), options));
}

/**
 * Writes `promtool test rules` unit tests for the rules as YAML: each fires above its threshold
 * after `for`, stays silent below it, and resolves. `ruleFile` is the rule file's path as seen
 * from the test file.
 */
export function fourSiteRuleTestsYaml(rules: readonly AlertRule[], ruleFile: string): string {
  return toYaml(promtoolTestFile(ruleFile, defaultScenarioTests(rules)));
}
