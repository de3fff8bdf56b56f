// The tracking helpers and types are re-exported so that an app tracks events with this package
// alone. The catalog's values (fourSiteCatalog, CHANNELS, classifySource) come from
// @4site/monitor-business: re-exported here, a bundler would put them in the page's first chunk.
export type {
  Channel,
  FourSiteCatalog,
  FourSiteMonitor,
  WebVitalMetric,
} from '@4site/monitor-business';
export {
  trackConversion,
  trackLead,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from '@4site/monitor-business/track';
export type {
  Catalog,
  ConsentState,
  CoreMonitor,
  Monitor,
  MonitorEvent,
  MonitorMode,
  MonitorUser,
  Sink,
  TrackOutcome,
} from '@4site/monitor-core';
export {
  createNoopMonitor,
  type Logger,
  MonitorError,
  type MonitorStats,
} from '@4site/monitor-core/basics';
export type { LandingAttribution } from './attribution/landing-attribution';
export { initMonitor } from './guarded-api';
export { type BrowserMonitor, type BrowserMonitorStats, getMonitor } from './init';
export type { BrowserOptions } from './options';
export type { VendorState, VendorStates } from './vendors/start-vendors';
export type { VendorDropReason, VendorDrops, VendorName } from './vendors/vendor-drops';
export type { ApiOrigin, DatadogOptions, SentryOptions } from './vendors/vendor-options';
