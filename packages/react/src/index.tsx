// Re-exported so that a React app starts the monitor and tracks events with this package alone.
// The catalog's values (fourSiteCatalog, CHANNELS, classifySource) come from
// @4site/monitor-business, so that a bundler leaves them out of the page's first chunk.
export {
  type BrowserMonitor,
  type BrowserOptions,
  type Catalog,
  type Channel,
  type ConsentState,
  type DatadogOptions,
  type FourSiteCatalog,
  type FourSiteMonitor,
  getMonitor,
  initMonitor,
  type LandingAttribution,
  type Monitor,
  MonitorError,
  type MonitorMode,
  type MonitorUser,
  type SentryOptions,
  trackConversion,
  trackLead,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
  type VendorStates,
} from '@4site/monitor-browser';
export {
  type FallbackProps,
  MonitorErrorBoundary,
  type MonitorErrorBoundaryProps,
} from './error-boundary';
export { MonitorProvider, type MonitorProviderProps } from './monitor-provider';
export { useMonitor } from './use-monitor';
export { usePageView } from './use-page-view';
