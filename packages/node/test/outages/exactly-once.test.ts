import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeMonitor, type NodeMonitor } from '../../src';
import {
  type Fault,
  type FaultServer,
  type FaultyDogStatsD,
  type SentryIntake,
  seededRandom,
  sentryIntake,
  startFaultServer,
  startFaultyDogStatsD,
} from '../support/fault-server';

const EVENTS = 10_000;
// Every 10th lead is tracked twice, as a client retry would, and every 20th captures an error.
const RETRY_EVERY = 10;
const ERROR_EVERY = 20;
const BATCH = 250;
// The Sentry intake cycles through these faults, one per batch. Some requests of each are reset
// or left unanswered at random.
const SENTRY_FAULTS: Fault[] = [
  { mode: 'ok', dropShare: 0.1, resetShare: 0.1 },
  { mode: 'error' },
  { mode: 'ok', dropShare: 0.2 },
  { mode: 'rate_limited', retryAfterSeconds: 1 },
  { mode: 'down' },
  { mode: 'slow', slowMillis: 100, resetShare: 0.2 },
];

let intake: SentryIntake;
let sentry: FaultServer;
let statsd: FaultyDogStatsD;

beforeAll(async () => {
  intake = sentryIntake();
  sentry = await startFaultServer({ handler: intake.handler, random: seededRandom(7) });
  statsd = await startFaultyDogStatsD({ dropShare: 0.2, random: seededRandom(11) });
});

afterAll(async () => {
  await Promise.all([sentry.close(), statsd.close()]);
});

async function sample(monitor: NodeMonitor, name: string, labels: Record<string, string> = {}) {
  const metric = await monitor.registry.getSingleMetric(name)?.get();
  let sum = 0;
  for (const { labels: seriesLabels, value } of metric?.values ?? []) {
    if (Object.entries(labels).every(([key, want]) => seriesLabels[key] === want)) sum += value;
  }
  return sum;
}

describe('exactly once under failing vendors', () => {
  it('counts 10,000 leads once and every error once', async () => {
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: `http://key@127.0.0.1:${sentry.port}/1`, sendTimeoutMillis: 2000 },
      datadog: {
        tracing: false,
        dogstatsd: { hostname: '127.0.0.1', port: statsd.port, flushIntervalMillis: 20 },
      },
    });
    let tracked = 0;
    let captured = 0;

    for (let batch = 0; batch * BATCH < EVENTS; batch++) {
      await sentry.setFault(SENTRY_FAULTS[batch % SENTRY_FAULTS.length] as Fault);
      // The DogStatsD agent is down for batches 8 to 15 and 24 to 31: two outages, because each
      // time it comes back, a late refusal may be counted against the next flush.
      if (Math.floor(batch / 8) % 2 === 1) await statsd.stop();
      else await statsd.start();
      for (let i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
        const lead = { leadId: `lead-${i}`, source: 'referral' } as const;
        monitor.track('lead', lead);
        tracked++;
        if (i % RETRY_EVERY === 0) {
          monitor.track('lead', lead);
          tracked++;
        }
        if (i % ERROR_EVERY === 0) {
          monitor.captureError(new Error(`lead ${i} failed`));
          captured++;
        }
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await statsd.start();
    await monitor.close(5000);

    const leads = await sample(monitor, 'foursite_leads_total');
    const duplicates = await sample(monitor, 'foursite_monitor_events_dropped_total', {
      reason: 'duplicate',
    });
    const statsdDrops = await sample(monitor, 'foursite_monitor_vendor_dropped_total', {
      vendor: 'dogstatsd',
    });
    const sentryDrops = await sample(monitor, 'foursite_monitor_vendor_dropped_total', {
      vendor: 'sentry',
    });
    const sent = EVENTS + captured;
    const leadLines = statsd.lines.filter((line) => line.startsWith('foursite.leads:1|c'));
    const discardedLeadLines = statsd.discarded.filter((line) =>
      line.startsWith('foursite.leads:'),
    );
    const uniqueEventIds = new Set(intake.eventIds);

    expect(tracked).toBe(EVENTS + EVENTS / RETRY_EVERY);
    expect(leads).toBe(EVENTS);
    expect(duplicates).toBe(EVENTS / RETRY_EVERY);
    // A UDP sender learns of a refused flush at best, and the kernel rate-limits the refusals it
    // reports, so the count of lost lines is an estimate: it must notice the loss, and never
    // count more lines than were sent.
    const lost = sent - statsd.lines.length - statsd.discarded.length;
    expect(leadLines.length + discardedLeadLines.length).toBeLessThanOrEqual(EVENTS);
    expect(statsd.lines.length + statsd.discarded.length).toBeLessThanOrEqual(sent);
    expect(lost).toBeGreaterThan(0);
    expect(statsdDrops).toBeGreaterThan(0);
    expect(statsdDrops).toBeLessThanOrEqual(sent);
    expect(intake.eventIds.length).toBe(uniqueEventIds.size);
    expect(intake.eventIds.length + sentryDrops).toBe(captured);
    expect(sentryDrops).toBeGreaterThan(0);
  });
});
