import type { MonitorEvent } from '@4site/monitor-core';
import { CHANNELS, type Channel } from '../catalog/values';

/** Event counts over one KPI window, the inputs of every KPI. */
export interface KpiCounts {
  readonly visits: number;
  readonly visitsByChannel: Readonly<Record<Channel, number>>;
  /** Successful site generations. */
  readonly generations: number;
  readonly generationFailures: number;
  readonly shares: number;
  /** Referral conversions. */
  readonly referrals: number;
  readonly leads: number;
  /** Leads that carried a `score`. */
  readonly scoredLeads: number;
  readonly leadScoreSum: number;
  readonly sessions: number;
  /** Sessions of a single page. */
  readonly bounces: number;
  readonly authFailures: number;
  readonly rateLimitViolations: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
export type MutableCounts = Mutable<KpiCounts>;

/** Creates counts at zero. Every count object has the same fixed set of keys. */
export function createCounts(): MutableCounts {
  const visitsByChannel = {} as Record<Channel, number>;
  for (const channel of CHANNELS) visitsByChannel[channel] = 0;
  return {
    visits: 0,
    visitsByChannel,
    generations: 0,
    generationFailures: 0,
    shares: 0,
    referrals: 0,
    leads: 0,
    scoredLeads: 0,
    leadScoreSum: 0,
    sessions: 0,
    bounces: 0,
    authFailures: 0,
    rateLimitViolations: 0,
  };
}

/** Sets every count back to zero in place, so a reused bucket allocates nothing. */
export function resetCounts(counts: MutableCounts): void {
  for (const key of Object.keys(counts) as (keyof KpiCounts)[]) {
    if (key !== 'visitsByChannel') counts[key] = 0;
  }
  for (const channel of CHANNELS) counts.visitsByChannel[channel] = 0;
}

/** Adds `source` to `target`. */
export function addCounts(target: MutableCounts, source: KpiCounts): void {
  for (const key of Object.keys(target) as (keyof KpiCounts)[]) {
    if (key !== 'visitsByChannel') target[key] += source[key];
  }
  for (const channel of CHANNELS)
    target.visitsByChannel[channel] += source.visitsByChannel[channel];
}

const isChannel = (value: unknown): value is Channel => CHANNELS.includes(value as Channel);

/**
 * Counts one event of the 4site catalog and ignores events of other names. A property that a
 * validated event could not have, such as an unknown channel or a NaN score, is not counted, so
 * a sink fed directly can add neither keys nor NaN.
 */
export function countEvent(counts: MutableCounts, event: MonitorEvent): void {
  const properties = event.properties;
  switch (event.name) {
    case 'visit':
      if (!isChannel(properties.channel)) return;
      counts.visits++;
      counts.visitsByChannel[properties.channel]++;
      return;
    case 'site_generated':
      if (properties.outcome === 'success') counts.generations++;
      else if (properties.outcome === 'failure') counts.generationFailures++;
      return;
    case 'share':
      counts.shares++;
      return;
    case 'referral':
      counts.referrals++;
      return;
    case 'lead':
      countLead(counts, properties.score);
      return;
    case 'session_end':
      countSession(counts, properties.pageCount);
      return;
    case 'auth_failure':
      counts.authFailures++;
      return;
    case 'rate_limit_violation':
      counts.rateLimitViolations++;
  }
}

function countLead(counts: MutableCounts, score: unknown): void {
  counts.leads++;
  if (typeof score !== 'number' || !(score >= 0 && score <= 100)) return;
  counts.scoredLeads++;
  counts.leadScoreSum += score;
}

function countSession(counts: MutableCounts, pageCount: unknown): void {
  if (typeof pageCount !== 'number' || !Number.isInteger(pageCount) || pageCount < 1) return;
  counts.sessions++;
  if (pageCount === 1) counts.bounces++;
}
