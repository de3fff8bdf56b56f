import { guardConfig, guardRuntime } from '@4site/monitor-core';
import * as alerts from './alerts';
import { createDashboardEndpoints as dashboardEndpointsUnguarded } from './dashboard';
import {
  createNodeMonitor as createNodeMonitorUnguarded,
  initMonitor as initMonitorUnguarded,
} from './init';
import { monitorPool as monitorPoolUnguarded } from './integrations/pg-pool';
import { startProbes as startProbesUnguarded } from './integrations/probes';
import { createClusterMetrics as clusterMetricsUnguarded } from './prometheus/cluster';
import { ensureMetric as ensureMetricUnguarded } from './prometheus/ensure-metric';
import { createLabelLimiter as labelLimiterUnguarded } from './prometheus/label-limiter';
import { closeOnSignal as closeOnSignalUnguarded } from './shutdown';

// Start-up functions, wrapped so that bad options raise a MonitorError and never a TypeError,
// and alert formatting helpers, wrapped so that a malformed notification never throws. The
// index exports these names explicitly, which shadows the same names of `export *`.

export const closeOnSignal = /* @__PURE__ */ guardConfig('closeOnSignal', closeOnSignalUnguarded);
export const createAlertNotifier = /* @__PURE__ */ guardConfig(
  'createAlertNotifier',
  alerts.createAlertNotifier,
);
export const createAlerting = /* @__PURE__ */ guardConfig('createAlerting', alerts.createAlerting);
export const createAlertmanagerReceiver = /* @__PURE__ */ guardConfig(
  'createAlertmanagerReceiver',
  alerts.createAlertmanagerReceiver,
);
export const createAlertsStateHandler = /* @__PURE__ */ guardConfig(
  'createAlertsStateHandler',
  alerts.createAlertsStateHandler,
);
export const createClusterMetrics = /* @__PURE__ */ guardConfig(
  'createClusterMetrics',
  clusterMetricsUnguarded,
);
export const createDashboardEndpoints = /* @__PURE__ */ guardConfig(
  'createDashboardEndpoints',
  dashboardEndpointsUnguarded,
);
export const createLabelLimiter = /* @__PURE__ */ guardConfig(
  'createLabelLimiter',
  labelLimiterUnguarded,
);
export const createNodeMonitor = /* @__PURE__ */ guardConfig(
  'createNodeMonitor',
  createNodeMonitorUnguarded,
);
export const createRegistryReader = /* @__PURE__ */ guardConfig(
  'createRegistryReader',
  alerts.createRegistryReader,
);
export const emailChannel = /* @__PURE__ */ guardConfig('emailChannel', alerts.emailChannel);
export const ensureMetric = /* @__PURE__ */ guardConfig('ensureMetric', ensureMetricUnguarded);
export const initMonitor = /* @__PURE__ */ guardConfig('initMonitor', initMonitorUnguarded);
export const monitorPool = /* @__PURE__ */ guardConfig('monitorPool', monitorPoolUnguarded);
export const pagerDutyChannel = /* @__PURE__ */ guardConfig(
  'pagerDutyChannel',
  alerts.pagerDutyChannel,
);
export const slackChannel = /* @__PURE__ */ guardConfig('slackChannel', alerts.slackChannel);
export const startProbes = /* @__PURE__ */ guardConfig('startProbes', startProbesUnguarded);
export const webhookChannel = /* @__PURE__ */ guardConfig('webhookChannel', alerts.webhookChannel);

export const notificationKey = /* @__PURE__ */ guardRuntime(
  alerts.notificationKey,
  () => 'invalid',
);
export const pagerDutyDedupKey = /* @__PURE__ */ guardRuntime(
  alerts.pagerDutyDedupKey,
  () => '4site-invalid',
);
export const slackMessage = /* @__PURE__ */ guardRuntime(alerts.slackMessage, () => ({
  text: 'An alert notification could not be read.',
}));
