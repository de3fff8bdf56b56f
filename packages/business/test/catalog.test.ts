import { createLogger, createMonitor, type MonitorEvent } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  fourSiteCatalog,
  trackAuthFailure,
  trackCommission,
  trackConversion,
  trackLead,
  trackRateLimitViolation,
  trackReferral,
  trackSessionEnd,
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

    expect(metrics).toEqual([
      'visits',
      'site_generations',
      'shares',
      'referrals',
      'leads',
      'commissions',
      'conversions',
      'sessions',
      'auth_failures',
      'rate_limit_violations',
      'web_vitals',
    ]);
  });

  it('lets browsers send only what a browser observes', () => {
    const browserEvents = Object.values(fourSiteCatalog)
      .filter((definition) => definition.ingest)
      .map((definition) => definition.name);

    expect(browserEvents).toEqual(['visit', 'share', 'conversion', 'session_end', 'web_vital']);
  });

  it('keeps money and security events off the ingest endpoint', () => {
    expect(fourSiteCatalog.commission.ingest).toBe(false);
    expect(fourSiteCatalog.auth_failure.ingest).toBe(false);
    expect(fourSiteCatalog.rate_limit_violation.ingest).toBe(false);
  });

  it('bounds every label by a closed list', () => {
    expect(fourSiteCatalog.visit.labels.channel).toEqual(CHANNELS);
    expect(Object.keys(fourSiteCatalog.referral.labels)).toEqual([]);
    expect(Object.keys(fourSiteCatalog.commission.labels)).toEqual([]);
  });

  it('keeps every counter within 64 label combinations', () => {
    for (const definition of Object.values(fourSiteCatalog)) {
      const combinations = Object.values(definition.labels).reduce(
        (product, values) => product * values.length,
        1,
      );

      expect(combinations, definition.name).toBeLessThanOrEqual(64);
    }
  });

  it('keys one-time events by their id', () => {
    const keys = Object.fromEntries(
      Object.values(fourSiteCatalog).map((definition) => [
        definition.name,
        definition.idempotencyKey,
      ]),
    );

    expect(keys).toEqual({
      visit: undefined,
      site_generated: 'generationId',
      share: undefined,
      referral: 'referralId',
      lead: 'leadId',
      commission: 'commissionId',
      conversion: undefined,
      session_end: undefined,
      auth_failure: undefined,
      rate_limit_violation: undefined,
      web_vital: 'id',
    });
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
    trackCommission(monitor, { commissionId: 'c1', amount: 12.5, currency: 'EUR' });
    trackConversion(monitor, { stage: 'repo_entered' });
    trackSessionEnd(monitor, { pageCount: 3, device: 'mobile' });
    trackAuthFailure(monitor, { reason: 'expired_token' });
    trackRateLimitViolation(monitor, { scope: 'ingest' });

    expect(events.map((event) => [event.name, event.labels])).toEqual([
      ['visit', { channel: 'social' }],
      ['site_generated', { outcome: 'success' }],
      ['share', { platform: 'link' }],
      ['referral', {}],
      ['lead', { source: 'referral' }],
      ['commission', {}],
      ['conversion', { stage: 'repo_entered' }],
      ['session_end', { bounced: 'false', device: 'mobile' }],
      ['auth_failure', { reason: 'expired_token' }],
      ['rate_limit_violation', { scope: 'ingest' }],
    ]);
  });

  it('counts a repeated referral once', () => {
    const { monitor, events } = setup();

    trackReferral(monitor, { referralId: 'r1' });
    trackReferral(monitor, { referralId: 'r1' });

    expect(events).toHaveLength(1);
  });

  it('counts a repeated commission once', () => {
    const { monitor, events } = setup();

    trackCommission(monitor, { commissionId: 'c1', amount: 5, currency: 'USD' });
    trackCommission(monitor, { commissionId: 'c1', amount: 5, currency: 'USD' });

    expect(events).toHaveLength(1);
  });
});

describe('session_end', () => {
  it('labels a one-page session as a bounce', () => {
    const { monitor, events } = setup();

    trackSessionEnd(monitor, { pageCount: 1 });

    expect(events[0]?.labels).toEqual({ bounced: 'true', device: 'other' });
  });

  it('derives bounced from the page count, not from the input', () => {
    const { monitor, events } = setup();

    monitor.record('session_end', { pageCount: 4, bounced: 'true' });

    expect(events[0]?.properties.bounced).toBe('false');
    expect(events[0]?.labels.bounced).toBe('false');
  });
});

describe('lead', () => {
  it('drops an e-mail passed with the lead', () => {
    const { monitor, events } = setup();

    monitor.record('lead', { leadId: 'l1', source: 'direct', email: 'ann@example.com' });

    expect(events[0]?.properties).toEqual({ leadId: 'l1', source: 'direct' });
  });

  it('keeps the e-mail domain class', () => {
    const { monitor, events } = setup();

    trackLead(monitor, { leadId: 'l1', source: 'organic', score: 64, emailDomainClass: 'company' });

    expect(events[0]?.properties.emailDomainClass).toBe('company');
  });
});

// Each row is an event name and properties that its schema must reject.
const invalidEvents: [string, Record<string, unknown>][] = [
  ['visit', { channel: 'tiktok' }],
  ['visit', { channel: 'direct', page: 'https://x.io/a' }],
  ['site_generated', { generationId: 'g', outcome: 'success', durationSeconds: -1 }],
  ['lead', { leadId: '', source: 'direct' }],
  ['lead', { leadId: 'l', source: 'direct', score: 101 }],
  ['lead', { leadId: 'l', source: 'direct', emailDomainClass: 'gmail' }],
  ['commission', { commissionId: 'c', amount: -1, currency: 'USD' }],
  ['commission', { commissionId: 'c', amount: 1, currency: 'usd' }],
  ['commission', { commissionId: 'c', amount: '10', currency: 'USD' }],
  ['commission', { amount: 10, currency: 'USD' }],
  ['conversion', { stage: 'checkout' }],
  ['session_end', { pageCount: 0 }],
  ['session_end', { pageCount: 1.5 }],
  ['session_end', { pageCount: 2, device: 'watch' }],
  ['session_end', {}],
  ['auth_failure', { reason: 'wrong password for ann@example.com' }],
  ['rate_limit_violation', { scope: '203.0.113.7' }],
];

describe('event schemas', () => {
  it.each(invalidEvents)('rejects an invalid %s event', (name, properties) => {
    const { monitor, events } = setup();

    expect(monitor.record(name, properties)).toBe('invalid');
    expect(events).toHaveLength(0);
  });
});
