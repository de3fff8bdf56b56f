export * from './alerts';
export * from './dashboard';
export {
  closeOnSignal,
  createAlerting,
  createAlertmanagerReceiver,
  createAlertNotifier,
  createAlertsStateHandler,
  createClusterMetrics,
  createDashboardEndpoints,
  createLabelLimiter,
  createNodeMonitor,
  createRegistryReader,
  emailChannel,
  ensureMetric,
  initMonitor,
  monitorPool,
  notificationKey,
  pagerDutyChannel,
  pagerDutyDedupKey,
  slackChannel,
  slackMessage,
  startProbes,
  webhookChannel,
} from './guarded-api';
export { getMonitor, type NodeMonitor } from './init';
export type {
  MonitoredPool,
  PgMonitorOptions,
  PgQuery,
  PgQueryable,
  PgResult,
} from './integrations/pg-pool';
export type {
  ProbeOptions,
  Probes,
  TlsTarget,
} from './integrations/probes';
export type { NodeMonitorOptions, PrometheusOptions } from './options';
export { isPreloaded } from './preload';
export type {
  ClusterMetrics,
  ClusterMetricsOptions,
} from './prometheus/cluster';
export type { LabelLimiter } from './prometheus/label-limiter';
export {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
  type RenderedMetrics,
  renderExposition,
} from './prometheus/render';
export type { CloseOnSignalOptions } from './shutdown';
export type { DatadogOptions } from './vendors/datadog';
export type { DogStatsDOptions } from './vendors/dogstatsd';
export type { SentryOptions, SentryPayload } from './vendors/sentry-options';
export type { RequestInfo } from './vendors/sentry-sink';
