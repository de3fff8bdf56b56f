import * as alerts from './alerts';
import { createDeduper as createDeduperUnguarded } from './dedupe';
import {
  defineCatalog as defineCatalogUnguarded,
  defineEvent as defineEventUnguarded,
} from './event';
import { guardConfig } from './guard';
import { createMonitor as createMonitorUnguarded } from './monitor';

// Start-up functions, wrapped so that bad options raise a MonitorError and never a TypeError.
// The index exports these names explicitly, which shadows the same names of `export *`.

export const alertmanagerConfig = /* @__PURE__ */ guardConfig(
  'alertmanagerConfig',
  alerts.alertmanagerConfig,
);
export const checkAlertRules = /* @__PURE__ */ guardConfig(
  'checkAlertRules',
  alerts.checkAlertRules,
);
export const createAlertEvaluator = /* @__PURE__ */ guardConfig(
  'createAlertEvaluator',
  alerts.createAlertEvaluator,
);
export const createDeduper = /* @__PURE__ */ guardConfig('createDeduper', createDeduperUnguarded);
export const createMonitor = /* @__PURE__ */ guardConfig('createMonitor', createMonitorUnguarded);
export const createSeriesWindow = /* @__PURE__ */ guardConfig(
  'createSeriesWindow',
  alerts.createSeriesWindow,
);
export const defaultChecks = /* @__PURE__ */ guardConfig('defaultChecks', alerts.defaultChecks);
export const defaultScenarioTests = /* @__PURE__ */ guardConfig(
  'defaultScenarioTests',
  alerts.defaultScenarioTests,
);
export const defineAlertRule = /* @__PURE__ */ guardConfig(
  'defineAlertRule',
  alerts.defineAlertRule,
);
export const defineCatalog = /* @__PURE__ */ guardConfig('defineCatalog', defineCatalogUnguarded);
export const defineEvent = /* @__PURE__ */ guardConfig('defineEvent', defineEventUnguarded);
export const formatDuration = /* @__PURE__ */ guardConfig('formatDuration', alerts.formatDuration);
export const formatMatchers = /* @__PURE__ */ guardConfig('formatMatchers', alerts.formatMatchers);
export const prometheusRuleFile = /* @__PURE__ */ guardConfig(
  'prometheusRuleFile',
  alerts.prometheusRuleFile,
);
export const promtoolTestFile = /* @__PURE__ */ guardConfig(
  'promtoolTestFile',
  alerts.promtoolTestFile,
);
export const ruleAnnotations = /* @__PURE__ */ guardConfig(
  'ruleAnnotations',
  alerts.ruleAnnotations,
);
export const ruleLabels = /* @__PURE__ */ guardConfig('ruleLabels', alerts.ruleLabels);
export const rulePromQl = /* @__PURE__ */ guardConfig('rulePromQl', alerts.rulePromQl);
export const sourcePromQl = /* @__PURE__ */ guardConfig('sourcePromQl', alerts.sourcePromQl);
export const syntheticScenario = /* @__PURE__ */ guardConfig(
  'syntheticScenario',
  alerts.syntheticScenario,
);
export const toAlertingRule = /* @__PURE__ */ guardConfig('toAlertingRule', alerts.toAlertingRule);
export const toYaml = /* @__PURE__ */ guardConfig('toYaml', alerts.toYaml);
