export * from './alerts';
export * from './dashboard';
export { createNodeMonitor, getMonitor, initMonitor, type NodeMonitor } from './init';
export {
  type MonitoredPool,
  monitorPool,
  type PgMonitorOptions,
  type PgQuery,
  type PgQueryable,
  type PgResult,
} from './integrations/pg-pool';
export {
  type ProbeOptions,
  type Probes,
  startProbes,
  type TlsTarget,
} from './integrations/probes';
export type { NodeMonitorOptions, PrometheusOptions } from './options';
export { isPreloaded } from './preload';
export {
  type ClusterMetrics,
  type ClusterMetricsOptions,
  createClusterMetrics,
} from './prometheus/cluster';
export { ensureMetric } from './prometheus/ensure-metric';
export { createLabelLimiter, type LabelLimiter } from './prometheus/label-limiter';
export {
  OPENMETRICS_CONTENT_TYPE,
  PROMETHEUS_CONTENT_TYPE,
  type RenderedMetrics,
  renderExposition,
} from './prometheus/render';
export { type CloseOnSignalOptions, closeOnSignal } from './shutdown';
export type { DatadogOptions } from './vendors/datadog';
export type { DogStatsDOptions } from './vendors/dogstatsd';
export type { SentryOptions, SentryPayload } from './vendors/sentry-options';
export type { RequestInfo } from './vendors/sentry-sink';
