import { guardConfig } from '@4site/monitor-core';
import { fourSiteDashboard as dashboardUnguarded } from './alerts/dashboard';
import { fourSiteAlertRules as alertRulesUnguarded } from './alerts/default-rules';
import {
  kpiRecordingRuleSpecs as recordingSpecsUnguarded,
  kpiRecordName as recordNameUnguarded,
} from './alerts/recording-rules';
import {
  fourSiteRuleFileYaml as ruleFileUnguarded,
  fourSiteRuleTestsYaml as ruleTestsUnguarded,
} from './alerts/rule-files';
import { extendCatalog as extendCatalogUnguarded } from './catalog/catalog';
import { createKpiSink as kpiSinkUnguarded } from './kpi/kpi-sink';
import {
  kpiPromQl as promQlUnguarded,
  kpiRecordingRules as recordingRulesUnguarded,
} from './kpi/promql';

// Start-up functions, wrapped so that bad options raise a MonitorError and never a TypeError.

export const createKpiSink = /* @__PURE__ */ guardConfig('createKpiSink', kpiSinkUnguarded);
export const extendCatalog = /* @__PURE__ */ guardConfig('extendCatalog', extendCatalogUnguarded);
export const fourSiteAlertRules = /* @__PURE__ */ guardConfig(
  'fourSiteAlertRules',
  alertRulesUnguarded,
);
export const fourSiteDashboard = /* @__PURE__ */ guardConfig(
  'fourSiteDashboard',
  dashboardUnguarded,
);
export const fourSiteRuleFileYaml = /* @__PURE__ */ guardConfig(
  'fourSiteRuleFileYaml',
  ruleFileUnguarded,
);
export const fourSiteRuleTestsYaml = /* @__PURE__ */ guardConfig(
  'fourSiteRuleTestsYaml',
  ruleTestsUnguarded,
);
export const kpiPromQl = /* @__PURE__ */ guardConfig('kpiPromQl', promQlUnguarded);
export const kpiRecordName = /* @__PURE__ */ guardConfig('kpiRecordName', recordNameUnguarded);
export const kpiRecordingRuleSpecs = /* @__PURE__ */ guardConfig(
  'kpiRecordingRuleSpecs',
  recordingSpecsUnguarded,
);
export const kpiRecordingRules = /* @__PURE__ */ guardConfig(
  'kpiRecordingRules',
  recordingRulesUnguarded,
);
