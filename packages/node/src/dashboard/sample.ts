import type { KpiSink, KpiValues } from '@4site/monitor-business';
import { createSeriesWindow } from '@4site/monitor-core';
import type { Registry } from 'prom-client';
import { readSamples } from '../prometheus/read-samples';

/** The five Core Web Vitals and their p75 over the latency window; null means no data. */
export type WebVitalsP75 = Readonly<Record<'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB', number | null>>;

/** Leads per score band over the latency window: `count` leads scored above the previous `upTo`. */
export interface LeadScoreBand {
  readonly upTo: number;
  readonly count: number;
}

/** One dashboard sample: the KPIs over the KPI window and latencies over the latency window. */
export interface DashboardSample {
  /** Time of the sample, in milliseconds since the Unix epoch. */
  readonly at: number;
  readonly kpiWindowMillis: number;
  readonly latencyWindowMillis: number;
  readonly counts: {
    readonly visits: number;
    readonly generations: number;
    readonly generationFailures: number;
    readonly shares: number;
    readonly referrals: number;
    readonly leads: number;
    readonly authFailures: number;
    readonly rateLimitViolations: number;
  };
  readonly kpis: KpiValues;
  /** p95 of `http_server_request_duration_seconds`, in seconds. */
  readonly apiP95Seconds: number | null;
  /** p95 of `<prefix>_site_generation_duration_seconds`, in seconds. */
  readonly siteGenerationP95Seconds: number | null;
  /** Seconds for LCP, INP, FCP and TTFB; unitless for CLS. */
  readonly webVitalsP75: WebVitalsP75;
  /** Null until the latency window contains scored leads. */
  readonly leadScoreBands: readonly LeadScoreBand[] | null;
}

/** The compact form of a sample kept in the history ring. */
export interface DashboardPoint {
  readonly at: number;
  readonly viralCoefficient: number | null;
  readonly visits: number;
  readonly generations: number;
  readonly shares: number;
  readonly referrals: number;
  readonly leadCaptureRate: number | null;
  readonly apiP95Seconds: number | null;
  readonly siteGenerationP95Seconds: number | null;
}

const VITALS = {
  LCP: 'lcp_seconds',
  INP: 'inp_seconds',
  CLS: 'cls',
  FCP: 'fcp_seconds',
  TTFB: 'ttfb_seconds',
};

interface SamplerOptions {
  registry: Registry;
  prefix: string;
  kpiSink: KpiSink;
  sampleIntervalMillis: number;
  latencyWindowMillis: number;
}

/** Creates the sampler that turns the KPI sink and the registry into dashboard samples. */
export function createSampler(options: SamplerOptions) {
  const { prefix, latencyWindowMillis: windowMillis } = options;
  const histograms = [
    'http_server_request_duration_seconds',
    `${prefix}_site_generation_duration_seconds`,
    `${prefix}_lead_score`,
    ...Object.values(VITALS).map((suffix) => `${prefix}_web_vitals_${suffix}`),
  ];
  const window = createSeriesWindow({
    maxWindowMillis: windowMillis,
    stepMillis: options.sampleIntervalMillis,
  });
  const quantile = (metric: string, q: number, at: number) =>
    window.read({ kind: 'quantile', metric, quantile: q, windowMillis }, at);

  const record = async (at: number): Promise<void> => {
    window.record(at, await readSamples(options.registry, histograms));
  };

  const leadScoreBands = (at: number): LeadScoreBand[] | null => {
    const bands: LeadScoreBand[] = [];
    let below = 0;
    for (let upTo = 10; upTo <= 100; upTo += 10) {
      const matchers = { le: String(upTo) };
      const metric = `${prefix}_lead_score_bucket`;
      const cumulative = window.read({ kind: 'increase', metric, matchers, windowMillis }, at);
      if (cumulative === null) return null;
      bands.push({ upTo, count: Math.max(0, cumulative - below) });
      below = cumulative;
    }
    // A histogram with no observations yet has every bucket at 0, which is no data, not 0 leads.
    return below > 0 ? bands : null;
  };

  /** Snapshots the registry at `at` and returns the sample. */
  const sample = async (at: number): Promise<DashboardSample> => {
    await record(at);
    const snapshot = options.kpiSink.snapshot();
    const counts = snapshot.counts;
    const webVitalsP75 = {} as Record<keyof typeof VITALS, number | null>;
    for (const [name, suffix] of Object.entries(VITALS) as [keyof typeof VITALS, string][]) {
      webVitalsP75[name] = quantile(`${prefix}_web_vitals_${suffix}`, 0.75, at);
    }
    return {
      at,
      kpiWindowMillis: snapshot.windowMillis,
      latencyWindowMillis: windowMillis,
      counts: {
        visits: counts.visits,
        generations: counts.generations,
        generationFailures: counts.generationFailures,
        shares: counts.shares,
        referrals: counts.referrals,
        leads: counts.leads,
        authFailures: counts.authFailures,
        rateLimitViolations: counts.rateLimitViolations,
      },
      kpis: snapshot.kpis,
      apiP95Seconds: quantile('http_server_request_duration_seconds', 0.95, at),
      siteGenerationP95Seconds: quantile(`${prefix}_site_generation_duration_seconds`, 0.95, at),
      webVitalsP75,
      leadScoreBands: leadScoreBands(at),
    };
  };

  return { sample };
}

/** Returns the compact history form of a sample. */
export function toPoint(sample: DashboardSample): DashboardPoint {
  return {
    at: sample.at,
    viralCoefficient: sample.kpis.viralCoefficient,
    visits: sample.counts.visits,
    generations: sample.counts.generations,
    shares: sample.counts.shares,
    referrals: sample.counts.referrals,
    leadCaptureRate: sample.kpis.leadCaptureRate,
    apiP95Seconds: sample.apiP95Seconds,
    siteGenerationP95Seconds: sample.siteGenerationP95Seconds,
  };
}
