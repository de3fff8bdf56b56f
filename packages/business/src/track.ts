import type { EventProperties, Monitor } from '@4site/monitor-core';
import type { FourSiteCatalog } from './catalog';

/** Any monitor whose catalog contains the 4site events. */
export type FourSiteMonitor = Monitor<FourSiteCatalog>;

type Props<N extends keyof FourSiteCatalog> = EventProperties<FourSiteCatalog, N>;

/** Tracks a landing on the site, labelled by acquisition channel. */
export function trackVisit(monitor: FourSiteMonitor, properties: Props<'visit'>): void {
  monitor.track('visit', properties);
}

/** Tracks a site generation; a repeated `generationId` counts once. */
export function trackSiteGenerated(
  monitor: FourSiteMonitor,
  properties: Props<'site_generated'>,
): void {
  monitor.track('site_generated', properties);
}

/** Tracks a share of a generated site. */
export function trackShare(monitor: FourSiteMonitor, properties: Props<'share'>): void {
  monitor.track('share', properties);
}

/** Tracks a referral conversion; a repeated `referralId` counts once. */
export function trackReferral(monitor: FourSiteMonitor, properties: Props<'referral'>): void {
  monitor.track('referral', properties);
}

/** Tracks a lead; a repeated `leadId` counts once. */
export function trackLead(monitor: FourSiteMonitor, properties: Props<'lead'>): void {
  monitor.track('lead', properties);
}
