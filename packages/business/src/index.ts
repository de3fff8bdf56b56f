export type { DashboardOptions } from './alerts/dashboard';
export {
  type AlertRuleOverride,
  DEFAULT_ALERT_RULE_NAMES,
  type DefaultAlertRuleName,
  type FourSiteAlertRulesOptions,
} from './alerts/default-rules';
export type { KpiRecordingOptions } from './alerts/recording-rules';
export type { FourSiteRuleFileOptions } from './alerts/rule-files';
export {
  type ClassifySourceInput,
  type ClassifySourceOptions,
  classifySource,
  type SourceClassification,
} from './attribution/classify-source';
export {
  type ExtendedCatalog,
  type FourSiteCatalog,
  fourSiteCatalog,
} from './catalog/catalog';
export {
  authFailureEvent,
  BOUNCED_VALUES,
  commissionEvent,
  conversionEvent,
  leadEvent,
  rateLimitViolationEvent,
  referralEvent,
  sessionEndEvent,
  shareEvent,
  siteGeneratedEvent,
  visitEvent,
} from './catalog/events';
export {
  AUTH_FAILURE_REASONS,
  type AuthFailureReason,
  CHANNELS,
  type Channel,
  CONVERSION_STAGES,
  type ConversionStage,
  DEVICE_CLASSES,
  type DeviceClass,
  EMAIL_DOMAIN_CLASSES,
  type EmailDomainClass,
  GENERATION_OUTCOMES,
  type GenerationOutcome,
  RATE_LIMIT_SCOPES,
  type RateLimitScope,
  SHARE_PLATFORMS,
  type SharePlatform,
} from './catalog/values';
export {
  MAX_WEB_VITAL_VALUE,
  NAVIGATION_TYPES,
  type NavigationType,
  WEB_VITAL_METRICS,
  WEB_VITAL_RATINGS,
  type WebVitalMetric,
  type WebVitalRating,
  webVitalEvent,
} from './catalog/web-vital';
export {
  createKpiSink,
  extendCatalog,
  fourSiteAlertRules,
  fourSiteDashboard,
  fourSiteRuleFileYaml,
  fourSiteRuleTestsYaml,
  kpiPromQl,
  kpiRecordingRuleSpecs,
  kpiRecordingRules,
  kpiRecordName,
} from './guarded-api';
export { computeKpis, KPI_NAMES, type KpiName, type KpiValues } from './kpi/compute';
export type { KpiCounts } from './kpi/counts';
export type { KpiSink, KpiSinkOptions, KpiSnapshot } from './kpi/kpi-sink';
export type { KpiWindowOptions } from './kpi/kpi-window';
export type {
  KpiPromQlOptions,
  RecordingRule,
} from './kpi/promql';
export {
  type FourSiteMonitor,
  trackAuthFailure,
  trackCommission,
  trackConversion,
  trackLead,
  trackRateLimitViolation,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from './track';
