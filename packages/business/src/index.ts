export {
  CHANNELS,
  type Channel,
  type FourSiteCatalog,
  fourSiteCatalog,
  GENERATION_OUTCOMES,
  leadEvent,
  referralEvent,
  SHARE_PLATFORMS,
  shareEvent,
  siteGeneratedEvent,
  visitEvent,
} from './catalog';
export {
  type FourSiteMonitor,
  trackLead,
  trackReferral,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from './track';
