// Code shared by front and back end takes a `Monitor`, so usage.ts passes it both monitors.

import { type FourSiteCatalog, trackLead, trackVisit } from '@4site/monitor-business';
import type { Monitor } from '@4site/monitor-core';

export function recordSocialLead(monitor: Monitor<FourSiteCatalog>, leadId: string): void {
  trackVisit(monitor, { channel: 'social', page: '/pricing' });
  trackLead(monitor, { leadId, source: 'social' });
}
