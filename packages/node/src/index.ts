export { ensureMetric } from './ensure-metric';
export { createNodeMonitor, getMonitor, initMonitor, type NodeMonitor } from './init';
export type { NodeMonitorOptions, PrometheusOptions } from './options';
