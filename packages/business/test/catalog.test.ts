import { createLogger, createMonitor, type MonitorEvent } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  fourSiteCatalog,
  trackLead,
  trackReferral,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from '../src';

function setup() {
  const events: MonitorEvent[] = [];
  const monitor = createMonitor({
    catalog: fourSiteCatalog,
    logger: createLogger({ enabled: false }),
    sinks: [{ name: 'recorder', handleEvent: (event) => events.push(event) }],
  });
  return { monitor, events };
}

describe('fourSiteCatalog', () => {
  it('names each counter after its event', () => {
    const metrics = Object.values(fourSiteCatalog).map((definition) => definition.metric);

    expect(metrics).toEqual(['visits', 'site_generations', 'shares', 'referrals', 'leads']);
  });

  it('lets browsers send only visits and shares', () => {
    const browserEvents = Object.values(fourSiteCatalog)
      .filter((definition) => definition.ingest)
      .map((definition) => definition.name);

    expect(browserEvents).toEqual(['visit', 'share']);
  });

  it('bounds every label by a closed list', () => {
    expect(fourSiteCatalog.visit.labels.channel).toEqual(CHANNELS);
    expect(Object.keys(fourSiteCatalog.referral.labels)).toEqual([]);
  });
});

describe('track helpers', () => {
  it('tracks each business event with its labels', () => {
    const { monitor, events } = setup();

    trackVisit(monitor, { channel: 'social', page: '/' });
    trackSiteGenerated(monitor, { generationId: 'g1', outcome: 'success', durationSeconds: 1.5 });
    trackShare(monitor, { platform: 'link' });
    trackReferral(monitor, { referralId: 'r1' });
    trackLead(monitor, { leadId: 'l1', source: 'referral', score: 80 });

    expect(events.map((event) => [event.name, event.labels])).toEqual([
      ['visit', { channel: 'social' }],
      ['site_generated', { outcome: 'success' }],
      ['share', { platform: 'link' }],
      ['referral', {}],
      ['lead', { source: 'referral' }],
    ]);
  });

  it('counts a repeated referral once', () => {
    const { monitor, events } = setup();

    trackReferral(monitor, { referralId: 'r1' });
    trackReferral(monitor, { referralId: 'r1' });

    expect(events).toHaveLength(1);
  });

  it('rejects a channel outside the list', () => {
    const { monitor, events } = setup();

    const outcome = monitor.record('visit', { channel: 'tiktok' });

    expect(outcome).toBe('invalid');
    expect(events).toHaveLength(0);
  });

  it('rejects a page that is not a path', () => {
    const { monitor } = setup();

    expect(monitor.record('visit', { channel: 'direct', page: 'https://x.io/a' })).toBe('invalid');
  });

  it('rejects a negative generation duration', () => {
    const { monitor } = setup();
    const properties = { generationId: 'g', outcome: 'success', durationSeconds: -1 };

    expect(monitor.record('site_generated', properties)).toBe('invalid');
  });

  it('rejects an empty lead id', () => {
    const { monitor } = setup();

    expect(monitor.record('lead', { leadId: '', source: 'direct' })).toBe('invalid');
  });
});
