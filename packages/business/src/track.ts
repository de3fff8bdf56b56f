import type { EventProperties, Monitor } from '@4site/monitor-core';
import type { FourSiteCatalog } from './catalog/catalog';

/** Any monitor whose catalog contains the 4site events. */
export type FourSiteMonitor = Monitor<FourSiteCatalog>;

type Props<N extends keyof FourSiteCatalog> = EventProperties<FourSiteCatalog, N>;

/**
 * Passes the event to `monitor.track()`. A monitor argument that is not a monitor, or whose
 * `track()` throws anything but the MonitorError of development mode, is ignored, because these
 * helpers run on the host app's request path.
 */
function send<N extends keyof FourSiteCatalog>(
  monitor: FourSiteMonitor,
  name: N,
  properties: Props<N>,
): void {
  try {
    if (typeof monitor?.track === 'function') monitor.track(name, properties);
  } catch (error) {
    if (error instanceof Error && error.name === 'MonitorError') throw error;
  }
}

/** Tracks a landing on the site, labelled by acquisition channel. */
export function trackVisit(monitor: FourSiteMonitor, properties: Props<'visit'>): void {
  send(monitor, 'visit', properties);
}

/** Tracks a site generation; a repeated `generationId` counts once. */
export function trackSiteGenerated(
  monitor: FourSiteMonitor,
  properties: Props<'site_generated'>,
): void {
  send(monitor, 'site_generated', properties);
}

/** Tracks a share of a generated site. */
export function trackShare(monitor: FourSiteMonitor, properties: Props<'share'>): void {
  send(monitor, 'share', properties);
}

/** Tracks a referral conversion; a repeated `referralId` counts once. */
export function trackReferral(monitor: FourSiteMonitor, properties: Props<'referral'>): void {
  send(monitor, 'referral', properties);
}

/** Tracks a lead; a repeated `leadId` counts once. */
export function trackLead(monitor: FourSiteMonitor, properties: Props<'lead'>): void {
  send(monitor, 'lead', properties);
}

/** Tracks a referrer's commission; a repeated `commissionId` counts once. */
export function trackCommission(monitor: FourSiteMonitor, properties: Props<'commission'>): void {
  send(monitor, 'commission', properties);
}

/** Tracks a funnel step that the browser observed, labelled by stage. */
export function trackConversion(monitor: FourSiteMonitor, properties: Props<'conversion'>): void {
  send(monitor, 'conversion', properties);
}

/** Tracks the end of a session; a session of one page counts as a bounce. */
export function trackSessionEnd(monitor: FourSiteMonitor, properties: Props<'session_end'>): void {
  send(monitor, 'session_end', properties);
}

/** Tracks a failed authentication attempt, labelled by reason; the event has no user or IP. */
export function trackAuthFailure(
  monitor: FourSiteMonitor,
  properties: Props<'auth_failure'>,
): void {
  send(monitor, 'auth_failure', properties);
}

/** Tracks a request that a rate limiter rejected, labelled by the limiter's scope. */
export function trackRateLimitViolation(
  monitor: FourSiteMonitor,
  properties: Props<'rate_limit_violation'>,
): void {
  send(monitor, 'rate_limit_violation', properties);
}
