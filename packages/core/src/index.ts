export * from './alerts';
export { describeArgument } from './arguments';
export type { DedupeOptions, Deduper } from './dedupe';
export { MonitorError } from './errors';
export type {
  AnyEventDefinition,
  Catalog,
  EventDefinition,
  EventName,
  EventProperties,
  LabelValues,
} from './event';
export { guardConfig, guardRuntime } from './guard';
export {
  alertmanagerConfig,
  checkAlertRules,
  createAlertEvaluator,
  createDeduper,
  createMonitor,
  createSeriesWindow,
  defaultChecks,
  defaultScenarioTests,
  defineAlertRule,
  defineCatalog,
  defineEvent,
  formatDuration,
  formatMatchers,
  prometheusRuleFile,
  promtoolTestFile,
  ruleAnnotations,
  ruleLabels,
  rulePromQl,
  sourcePromQl,
  syntheticScenario,
  toAlertingRule,
  toYaml,
} from './guarded-api';
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogWriter,
} from './logger';
export type {
  CoreMonitor,
  CoreMonitorOptions,
  MonitorMode,
  TrackOutcome,
} from './monitor';
export { createNoopMonitor } from './noop';
export { FILTERED, scrub, scrubError, scrubText } from './scrub';
export { DROP_REASONS, type DropReason, type MonitorStats } from './stats';
export type { ConsentState, Monitor, MonitorScope, MonitorUser, Sink } from './types';
export {
  formatIssues,
  type MonitorEvent,
  OTHER_LABEL_VALUE,
  type ValidationResult,
  validateEvent,
} from './validate';
