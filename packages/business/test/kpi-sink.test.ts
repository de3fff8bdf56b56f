import { MonitorError, type MonitorEvent } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  createKpiSink,
  type FourSiteMonitor,
  type KpiCounts,
  type KpiName,
  trackAuthFailure,
  trackLead,
  trackRateLimitViolation,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from '../src';
import { createCounts } from '../src/kpi/counts';
import { HOUR, MINUTE, manualClock, quietMonitor } from './helpers';

function counts(partial: Partial<KpiCounts>): KpiCounts {
  return { ...createCounts(), ...partial };
}

const visitsByChannel = (partial: Partial<KpiCounts['visitsByChannel']>) => ({
  ...createCounts().visitsByChannel,
  ...partial,
});

// Each row: a case, the counts of one window, the KPI and its exact expected value.
const kpiCases: [string, Partial<KpiCounts>, KpiName, unknown][] = [
  ['funnel', { visits: 10_000, generations: 500 }, 'generationRate', 0.05],
  ['funnel', { generations: 500, shares: 235 }, 'shareRate', 0.47],
  ['funnel', { generations: 500, referrals: 117 }, 'viralCoefficient', 0.234],
  ['no visits', { generations: 3 }, 'generationRate', null],
  ['no generations', { shares: 4 }, 'shareRate', null],
  ['no shares', { referrals: 2 }, 'referralRate', null],
  ['no referral yet', { shares: 10 }, 'referralRate', 0],
  ['no generations', { referrals: 2 }, 'viralCoefficient', null],
  ['self-sustaining growth', { generations: 20, referrals: 30 }, 'viralCoefficient', 1.5],
  ['no referral yet', { generations: 20 }, 'viralCoefficient', 0],
  ['leads', { visits: 1000, leads: 25 }, 'leadCaptureRate', 0.025],
  ['no visits', { leads: 5 }, 'leadCaptureRate', null],
  ['scored leads', { leads: 4, scoredLeads: 3, leadScoreSum: 240 }, 'leadQuality', 80],
  ['no scored lead', { leads: 4 }, 'leadQuality', null],
  ['sessions', { sessions: 10, bounces: 7 }, 'bounceRate', 0.7],
  ['no bounce', { sessions: 10 }, 'bounceRate', 0],
  ['no sessions', {}, 'bounceRate', null],
  [
    'three channels',
    { visits: 200, visitsByChannel: visitsByChannel({ organic: 100, social: 50, direct: 50 }) },
    'sourceAttribution',
    { organic: 0.5, social: 0.25, referral: 0, direct: 0.25, paid: 0, email: 0 },
  ],
  ['no visits', {}, 'sourceAttribution', null],
];

describe('computeKpis', () => {
  it.each(kpiCases)('computes %s: %s is %s', (_case, partial, kpi, expected) => {
    expect(computeKpis(counts(partial))[kpi]).toEqual(expected);
  });

  it('computes the referral rate of the funnel to four places', () => {
    const { referralRate } = computeKpis(counts({ shares: 235, referrals: 117 }));

    expect(referralRate?.toFixed(4)).toBe('0.4979');
  });

  it('reports no data for every KPI of an empty window', () => {
    const kpis = computeKpis(createCounts());

    expect(Object.values(kpis)).toEqual(Array(8).fill(null));
  });
});

function trackFunnel(monitor: FourSiteMonitor, funnel: Record<string, number>) {
  for (let index = 0; index < (funnel.visits ?? 0); index++) {
    trackVisit(monitor, { channel: index % 4 === 0 ? 'referral' : 'organic' });
  }
  for (let index = 0; index < (funnel.generations ?? 0); index++) {
    trackSiteGenerated(monitor, {
      generationId: `g${index}`,
      outcome: 'success',
      durationSeconds: 9,
    });
  }
  for (let index = 0; index < (funnel.shares ?? 0); index++)
    trackShare(monitor, { platform: 'link' });
  for (let index = 0; index < (funnel.referrals ?? 0); index++) {
    trackReferral(monitor, { referralId: `r${index}` });
  }
}

describe('createKpiSink', () => {
  it('computes the funnel KPIs from tracked events', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackFunnel(monitor, { visits: 10_000, generations: 500, shares: 235, referrals: 117 });
    const { kpis, counts: windowCounts } = sink.snapshot();

    expect(windowCounts.visits).toBe(10_000);
    expect(kpis.generationRate).toBe(0.05);
    expect(kpis.shareRate).toBe(0.47);
    expect(kpis.referralRate?.toFixed(4)).toBe('0.4979');
    expect(kpis.viralCoefficient).toBe(0.234);
    expect(kpis.sourceAttribution?.referral).toBe(0.25);
    expect(kpis.sourceAttribution?.organic).toBe(0.75);
  });

  it('computes lead KPIs from lead events', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackLead(monitor, { leadId: 'a', source: 'email', score: 90 });
    trackLead(monitor, { leadId: 'b', source: 'email', score: 45 });
    trackLead(monitor, { leadId: 'c', source: 'email' });
    for (const channel of ['email', 'email', 'direct', 'organic'] as const) {
      trackVisit(monitor, { channel });
    }

    expect(sink.snapshot().kpis.leadQuality).toBe(67.5);
    expect(sink.snapshot().kpis.leadCaptureRate).toBe(0.75);
  });

  it('computes the bounce rate from session ends', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    for (const pageCount of [1, 1, 1, 2, 5]) trackSessionEnd(monitor, { pageCount });

    expect(sink.snapshot().kpis.bounceRate).toBe(0.6);
  });

  it('counts failures, auth failures and rate-limit violations', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackSiteGenerated(monitor, { generationId: 'f1', outcome: 'failure', durationSeconds: 3 });
    trackAuthFailure(monitor, { reason: 'invalid_credentials' });
    trackAuthFailure(monitor, { reason: 'expired_token' });
    trackRateLimitViolation(monitor, { scope: 'api' });
    const snapshot = sink.snapshot().counts;

    expect(snapshot.generationFailures).toBe(1);
    expect(snapshot.generations).toBe(0);
    expect(snapshot.authFailures).toBe(2);
    expect(snapshot.rateLimitViolations).toBe(1);
  });

  it('counts a repeated referral once', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackReferral(monitor, { referralId: 'r1' });
    clock.advance(10 * MINUTE);
    trackReferral(monitor, { referralId: 'r1' });

    expect(sink.snapshot().counts.referrals).toBe(1);
  });

  it('keeps an event for the whole window', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackVisit(monitor, { channel: 'direct' });
    clock.advance(HOUR - 1);

    expect(sink.snapshot().counts.visits).toBe(1);
  });

  it('forgets an event once the window has passed it', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackVisit(monitor, { channel: 'direct' });
    clock.advance(HOUR);

    expect(sink.snapshot().counts.visits).toBe(0);
    expect(sink.snapshot().kpis.generationRate).toBeNull();
  });

  it('slides by one bucket at a time', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const monitor = quietMonitor([sink], clock.now);

    trackVisit(monitor, { channel: 'direct' });
    clock.advance(30 * MINUTE);
    trackVisit(monitor, { channel: 'paid' });
    clock.advance(31 * MINUTE);

    expect(sink.snapshot().counts.visitsByChannel).toMatchObject({ direct: 0, paid: 1 });
  });

  it('uses a configured window', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now, windowMillis: 15 * MINUTE, bucketCount: 15 });
    const monitor = quietMonitor([sink], clock.now);

    trackVisit(monitor, { channel: 'social' });
    clock.advance(14 * MINUTE);
    const inside = sink.snapshot();
    clock.advance(MINUTE);

    expect(inside.counts.visits).toBe(1);
    expect(inside.windowMillis).toBe(15 * MINUTE);
    expect(sink.snapshot().counts.visits).toBe(0);
  });

  it('counts a timestamp from the future now', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const event: MonitorEvent = {
      name: 'share',
      properties: { platform: 'link' },
      labels: { platform: 'link' },
      timestamp: clock.now() + 5 * HOUR,
    };

    sink.handleEvent?.(event, { user: null, contexts: {}, consent: 'granted' });

    expect(sink.snapshot().counts.shares).toBe(1);
  });

  it('ignores a timestamp older than the window', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });
    const event: MonitorEvent = {
      name: 'share',
      properties: { platform: 'link' },
      labels: { platform: 'link' },
      timestamp: clock.now() - 2 * HOUR,
    };

    sink.handleEvent?.(event, { user: null, contexts: {}, consent: 'granted' });

    expect(sink.snapshot().counts.shares).toBe(0);
  });

  it('reports the window end from its clock', () => {
    const clock = manualClock();
    const sink = createKpiSink({ now: clock.now });

    expect(sink.snapshot().at).toBe(clock.now());
    expect(sink.snapshot().windowMillis).toBe(HOUR);
    expect(sink.name).toBe('kpi');
  });

  it.each([
    [{ windowMillis: 0 }, /Invalid windowMillis 0/],
    [{ windowMillis: -HOUR }, /Invalid windowMillis/],
    [{ windowMillis: Number.NaN }, /Invalid windowMillis NaN/],
    [{ windowMillis: Number.POSITIVE_INFINITY }, /Invalid windowMillis Infinity/],
    [{ bucketCount: 0 }, /Invalid bucketCount 0/],
    [{ bucketCount: 1.5 }, /Invalid bucketCount 1.5/],
    [{ bucketCount: 10_001 }, /Invalid bucketCount 10001/],
    [{ windowMillis: 10, bucketCount: 60 }, /use fewer buckets/],
  ])('rejects the options %o', (options, message) => {
    expect(() => createKpiSink(options)).toThrow(MonitorError);
    expect(() => createKpiSink(options)).toThrow(message);
  });
});
