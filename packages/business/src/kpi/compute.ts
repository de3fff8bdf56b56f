import { CHANNELS, type Channel } from '../catalog/values';
import { createCounts, type KpiCounts } from './counts';

/** Names of the KPIs, as keys of `KpiValues` and of `kpiPromQl()`. */
export const KPI_NAMES = [
  'generationRate',
  'shareRate',
  'referralRate',
  'viralCoefficient',
  'leadCaptureRate',
  'leadQuality',
  'bounceRate',
  'sourceAttribution',
] as const;

export type KpiName = (typeof KPI_NAMES)[number];

/**
 * KPIs over one window. Rates are fractions (0.05 is 5%). `null` means no data: the denominator
 * was zero in the window, so the KPI is undefined rather than 0.
 */
export interface KpiValues {
  /** Successful generations / visits. */
  readonly generationRate: number | null;
  /** Shares / successful generations. */
  readonly shareRate: number | null;
  /** Referral conversions / shares. */
  readonly referralRate: number | null;
  /** Referral conversions / successful generations; above 1 the growth sustains itself. */
  readonly viralCoefficient: number | null;
  /** Leads / visits. */
  readonly leadCaptureRate: number | null;
  /** Mean score (0 to 100) of the leads that carried a score. */
  readonly leadQuality: number | null;
  /** Sessions of one page / sessions. */
  readonly bounceRate: number | null;
  /** Fraction of the visits from each channel; the fractions add up to 1. */
  readonly sourceAttribution: Readonly<Record<Channel, number>> | null;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/** Computes every KPI from the counts of one window. A KPI whose counts are unreadable is null. */
export function computeKpis(counts: KpiCounts): KpiValues {
  try {
    return computeFrom(counts);
  } catch {
    return computeFrom(createCounts());
  }
}

function computeFrom(counts: KpiCounts): KpiValues {
  return {
    generationRate: ratio(counts.generations, counts.visits),
    shareRate: ratio(counts.shares, counts.generations),
    referralRate: ratio(counts.referrals, counts.shares),
    viralCoefficient: ratio(counts.referrals, counts.generations),
    leadCaptureRate: ratio(counts.leads, counts.visits),
    leadQuality: ratio(counts.leadScoreSum, counts.scoredLeads),
    bounceRate: ratio(counts.bounces, counts.sessions),
    sourceAttribution: attribution(counts),
  };
}

function attribution(counts: KpiCounts): Record<Channel, number> | null {
  if (counts.visits <= 0) return null;
  const shares = {} as Record<Channel, number>;
  for (const channel of CHANNELS) shares[channel] = counts.visitsByChannel[channel] / counts.visits;
  return shares;
}
