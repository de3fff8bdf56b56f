// Re-exported so that an app imports the 4site events and helpers from this package alone.
export {
  CHANNELS,
  type Channel,
  classifySource,
  type FourSiteCatalog,
  type FourSiteMonitor,
  fourSiteCatalog,
  SHARE_PLATFORMS,
  trackConversion,
  trackLead,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
  type WebVitalMetric,
  webVitalEvent,
} from '@4site/monitor-business';
export {
  type Catalog,
  type ConsentState,
  type CoreMonitor,
  createLogger,
  createNoopMonitor,
  type Logger,
  type Monitor,
  MonitorError,
  type MonitorEvent,
  type MonitorMode,
  type MonitorStats,
  type MonitorUser,
  type Sink,
  type TrackOutcome,
} from '@4site/monitor-core';
export type { LandingAttribution } from './attribution/landing-attribution';
export { initMonitor } from './guarded-api';
export { type BrowserMonitor, type BrowserMonitorStats, getMonitor } from './init';
export type { BrowserOptions } from './options';
export type { VendorState, VendorStates } from './vendors/start-vendors';
export type { VendorDropReason, VendorDrops, VendorName } from './vendors/vendor-drops';
export type { ApiOrigin, DatadogOptions, SentryOptions } from './vendors/vendor-options';
