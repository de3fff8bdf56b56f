export {
  type AlertmanagerChannel,
  type AlertmanagerConfigOptions,
  alertmanagerConfig,
  type EscalationPolicies,
  type EscalationStep,
} from './alertmanager-config';
export { formatDuration } from './duration';
export {
  type AlertEvaluator,
  type AlertEvaluatorOptions,
  type AlertState,
  type AlertStatus,
  type AlertsSnapshot,
  type AlertTimers,
  type AlertTransition,
  type AlertValueReader,
  createAlertEvaluator,
  type EvaluationResult,
} from './evaluator';
export { type Bucket, histogramQuantile } from './histogram-quantile';
export {
  type PrometheusRuleFileOptions,
  prometheusRuleFile,
  type RecordingRuleSpec,
  ruleAnnotations,
  ruleLabels,
  toAlertingRule,
} from './prometheus-rules';
export { formatMatchers, rulePromQl, sourcePromQl } from './promql';
export {
  defaultChecks,
  defaultScenarioTests,
  type FiringCheck,
  promtoolTestFile,
  type ScenarioTest,
} from './promtool-tests';
export {
  ALERT_SEVERITIES,
  type AlertComparison,
  type AlertRule,
  type AlertSeverity,
  type AlertSource,
  checkAlertRules,
  compare,
  defineAlertRule,
  type GaugeAlertSource,
  type IncreaseAlertSource,
  type KpiAlertSource,
  type LabelMatchers,
  type MeanAlertSource,
  type QuantileAlertSource,
  type RatioAlertSource,
} from './rule';
export {
  createSeriesWindow,
  type Sample,
  type SeriesWindow,
  type SeriesWindowOptions,
} from './series-window';
export { MAX_SILENCES, type Silence, type SilenceInput, type SilenceMatcher } from './silences';
export { SYNTHETIC_STEP_MILLIS, type SyntheticScenario, syntheticScenario } from './synthetic';
export { toYaml, type YamlObject, type YamlValue } from './yaml';
