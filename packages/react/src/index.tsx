// Re-exported so that a React app imports everything it needs from this package alone.
export {
  type BrowserMonitor,
  type BrowserOptions,
  type Catalog,
  CHANNELS,
  type Channel,
  type ConsentState,
  type FourSiteCatalog,
  type FourSiteMonitor,
  fourSiteCatalog,
  getMonitor,
  initMonitor,
  type Monitor,
  MonitorError,
  type MonitorMode,
  type MonitorUser,
  SHARE_PLATFORMS,
  trackLead,
  trackReferral,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from '@4site/monitor-browser';
export { MonitorProvider, type MonitorProviderProps } from './monitor-provider';
export { useMonitor } from './use-monitor';
