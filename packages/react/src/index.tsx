// Re-exported so that a React app imports everything it needs from this package alone.
export {
  type BrowserMonitor,
  type BrowserOptions,
  type Catalog,
  CHANNELS,
  type Channel,
  type ConsentState,
  classifySource,
  type DatadogOptions,
  type FourSiteCatalog,
  type FourSiteMonitor,
  fourSiteCatalog,
  getMonitor,
  initMonitor,
  type LandingAttribution,
  type Monitor,
  MonitorError,
  type MonitorMode,
  type MonitorUser,
  type SentryOptions,
  SHARE_PLATFORMS,
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
