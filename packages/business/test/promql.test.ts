import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitorError } from '@4site/monitor-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  type Channel,
  createKpiSink,
  KPI_NAMES,
  type KpiValues,
  kpiPromQl,
  kpiRecordingRules,
  trackLead,
  trackReferral,
  trackSessionEnd,
  trackShare,
  trackSiteGenerated,
  trackVisit,
} from '../src';
import { MINUTE, manualClock, quietMonitor } from './helpers';

describe('kpiPromQl', () => {
  it('builds the viral coefficient over the Node counters', () => {
    expect(kpiPromQl().viralCoefficient).toBe(
      'sum(increase(foursite_referrals_total[1h])) / ' +
        '(sum(increase(foursite_site_generations_total{outcome="success"}[1h])) > 0)',
    );
  });

  it('builds the source attribution per channel', () => {
    expect(kpiPromQl().sourceAttribution).toBe(
      'sum by (channel) (increase(foursite_visits_total[1h])) / ignoring(channel) group_left() ' +
        '(sum(increase(foursite_visits_total[1h])) > 0)',
    );
  });

  it('builds the bounce rate from the bounced label', () => {
    expect(kpiPromQl().bounceRate).toBe(
      'sum(increase(foursite_sessions_total{bounced="true"}[1h])) / ' +
        '(sum(increase(foursite_sessions_total[1h])) > 0)',
    );
  });

  it('applies the prefix and the window', () => {
    const expressions = kpiPromQl({ prefix: 'acme', windowMillis: 30 * MINUTE });

    expect(expressions.leadCaptureRate).toBe(
      'sum(increase(acme_leads_total[30m])) / (sum(increase(acme_visits_total[30m])) > 0)',
    );
  });

  it.each([
    [90 * MINUTE, '1h30m'],
    [24 * 60 * MINUTE, '1d'],
    [1500, '1s500ms'],
  ])('formats %i ms as %s', (windowMillis, duration) => {
    expect(kpiPromQl({ windowMillis }).shareRate).toContain(`[${duration}]`);
  });

  it('has one expression per KPI', () => {
    expect(Object.keys(kpiPromQl())).toEqual([...KPI_NAMES]);
  });

  it.each([
    [{ prefix: '4site' }, /Invalid prefix "4site"/],
    [{ prefix: 'foo-bar' }, /Invalid prefix/],
    [{ prefix: '' }, /Invalid prefix ""/],
    [{ windowMillis: 0 }, /Invalid windowMillis 0/],
    [{ windowMillis: 1.5 }, /Invalid windowMillis 1.5/],
    [{ windowMillis: Number.NaN }, /Invalid windowMillis NaN/],
  ])('rejects the options %o', (options, message) => {
    expect(() => kpiPromQl(options)).toThrow(MonitorError);
    expect(() => kpiPromQl(options)).toThrow(message);
  });
});

describe('kpiRecordingRules', () => {
  it('names each rule after the prefix, the KPI and the window', () => {
    const records = kpiRecordingRules({ windowMillis: 15 * MINUTE }).map((rule) => rule.record);

    expect(records).toEqual([
      'foursite:generation_rate:ratio_15m',
      'foursite:share_rate:ratio_15m',
      'foursite:referral_rate:ratio_15m',
      'foursite:viral_coefficient:ratio_15m',
      'foursite:lead_capture_rate:ratio_15m',
      'foursite:lead_quality:mean_15m',
      'foursite:bounce_rate:ratio_15m',
      'foursite:source_attribution:ratio_15m',
    ]);
  });
});

// Events per minute of one synthetic hour, as both the KPI sink and Prometheus see them.
const VISITS_PER_MINUTE: Record<Channel, number> = {
  organic: 80,
  social: 40,
  referral: 30,
  direct: 20,
  paid: 20,
  email: 10,
};
const PER_MINUTE = {
  generations: 10,
  failures: 2,
  shares: 5,
  referrals: 2,
  leads: 6,
  leadScore: 70,
  bounces: 60,
  longSessions: 90,
};

/** Tracks one hour of the synthetic traffic through a monitor and returns the sink's KPIs. */
function inProcessKpis(): KpiValues {
  const clock = manualClock();
  const sink = createKpiSink({ now: clock.now });
  const monitor = quietMonitor([sink], clock.now);
  let id = 0;
  const times = (count: number, track: () => void) => {
    for (let index = 0; index < count; index++) track();
  };
  for (let minute = 0; minute < 60; minute++) {
    clock.advance(MINUTE);
    for (const channel of CHANNELS) {
      times(VISITS_PER_MINUTE[channel], () => trackVisit(monitor, { channel }));
    }
    times(PER_MINUTE.generations, () =>
      trackSiteGenerated(monitor, {
        generationId: `g${id++}`,
        outcome: 'success',
        durationSeconds: 5,
      }),
    );
    times(PER_MINUTE.failures, () =>
      trackSiteGenerated(monitor, {
        generationId: `g${id++}`,
        outcome: 'failure',
        durationSeconds: 5,
      }),
    );
    times(PER_MINUTE.shares, () => trackShare(monitor, { platform: 'link' }));
    times(PER_MINUTE.referrals, () => trackReferral(monitor, { referralId: `r${id++}` }));
    times(PER_MINUTE.leads, () =>
      trackLead(monitor, { leadId: `l${id++}`, source: 'organic', score: PER_MINUTE.leadScore }),
    );
    times(PER_MINUTE.bounces, () => trackSessionEnd(monitor, { pageCount: 1, device: 'mobile' }));
    times(PER_MINUTE.longSessions, () => trackSessionEnd(monitor, { pageCount: 4 }));
  }
  return sink.snapshot().kpis;
}

/** Returns the same traffic as Prometheus counters, sampled every minute for two hours. */
function inputSeries(scale: number) {
  const series = (name: string, perMinute: number) => ({
    series: name,
    values: `0+${perMinute * scale}x120`,
  });
  return [
    ...CHANNELS.map((channel) =>
      series(`foursite_visits_total{channel="${channel}"}`, VISITS_PER_MINUTE[channel]),
    ),
    series('foursite_site_generations_total{outcome="success"}', PER_MINUTE.generations),
    series('foursite_site_generations_total{outcome="failure"}', PER_MINUTE.failures),
    series('foursite_shares_total{platform="link"}', PER_MINUTE.shares),
    series('foursite_referrals_total', PER_MINUTE.referrals),
    series('foursite_leads_total{source="organic"}', PER_MINUTE.leads),
    series('foursite_lead_score_sum', PER_MINUTE.leads * PER_MINUTE.leadScore),
    series('foursite_lead_score_count', PER_MINUTE.leads),
    series('foursite_sessions_total{bounced="true",device="mobile"}', PER_MINUTE.bounces),
    series('foursite_sessions_total{bounced="false",device="other"}', PER_MINUTE.longSessions),
  ];
}

/** Expected samples of each recording rule, written from the in-process KPIs. */
function expectations(kpis: KpiValues) {
  return kpiRecordingRules().map((rule, index) => {
    const value = kpis[KPI_NAMES[index] as keyof KpiValues];
    let samples: { labels: string; value: number }[] = [];
    if (typeof value === 'number') samples = [{ labels: rule.record, value }];
    if (value !== null && typeof value === 'object') {
      samples = Object.entries(value).map(([channel, share]) => ({
        labels: `${rule.record}{channel="${channel}"}`,
        value: share,
      }));
    }
    return { expr: rule.record, eval_time: '90m', exp_samples: samples };
  });
}

function findPromtool(): string | undefined {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    return undefined;
  }
}

const promtool = findPromtool();
const folder = mkdtempSync(join(tmpdir(), 'business-promql-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// CI installs promtool. Without it, outside CI, vitest reports this block as skipped.
describe.skipIf(!promtool && !process.env.CI)('recording rules in promtool', () => {
  it('agree with the in-process KPIs on the same traffic', () => {
    const kpis = inProcessKpis();
    const empty = { ...kpis };
    for (const name of KPI_NAMES) Object.assign(empty, { [name]: null });
    writeFileSync(
      join(folder, 'rules.json'),
      JSON.stringify({ groups: [{ name: 'foursite_kpis', rules: kpiRecordingRules() }] }),
    );
    const tests = [
      { interval: '1m', input_series: inputSeries(1), promql_expr_test: expectations(kpis) },
      { interval: '1m', input_series: inputSeries(0), promql_expr_test: expectations(empty) },
    ];
    writeFileSync(
      join(folder, 'test.json'),
      JSON.stringify({ rule_files: ['rules.json'], evaluation_interval: '1m', tests }),
    );

    expect(kpis.generationRate).toBe(0.05);
    expect(kpis.leadQuality).toBe(70);
    const run = () =>
      execFileSync(promtool ?? 'promtool', ['test', 'rules', join(folder, 'test.json')], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });
});
