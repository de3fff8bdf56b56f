import { describe, expect, it } from 'vitest';
import { createAlerting, slackChannel } from '../src';
import {
  type ChannelKind,
  channelFor,
  failedCount,
  probeMonitor,
  probeRules,
  startFault,
} from './alert-outages-setup';
import { waitFor } from './alert-servers';
import { startHttpFault } from './support/alert-fault-servers';

const RULES = 30;
const MAX_IN_FLIGHT = 5;

const HANGS: [ChannelKind, 'hang' | 'hang-data'][] = [
  ['slack', 'hang'],
  ['pagerduty', 'hang'],
  ['webhook', 'hang'],
  ['email', 'hang'],
  ['email', 'hang-data'],
];

/** Starts alerting with RULES alerts, one notification each, into one channel of `kind`. */
function alertingInto(
  kind: ChannelKind,
  server: { url: string; port: number },
  delivery: object,
  maxInFlight?: number,
) {
  const { monitor, setProbes } = probeMonitor();
  setProbes(RULES, 1);
  const alerting = createAlerting(monitor, {
    start: false,
    rules: probeRules(RULES),
    channels: [channelFor(kind, server, delivery)],
    groupBy: ['alertname'],
    ...(maxInFlight ? { maxInFlight } : {}),
  });
  return { monitor, alerting };
}

describe('hanging channel', () => {
  it.each(HANGS)('caps deliveries in flight to %s (%s)', async (kind, mode) => {
    const server = await startFault(kind, mode);
    // The attempt time-out is the maximum, so only the cap and close() end these deliveries.
    const delivery = { timeoutMillis: 60_000, retries: 0 };
    const { monitor, alerting } = alertingInto(kind, server, delivery, MAX_IN_FLIGHT);
    try {
      void alerting.evaluate();
      await waitFor(() => server.connections() >= MAX_IN_FLIGHT, 5000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stats = alerting.notifier.stats();

      expect(stats.inFlight).toBe(MAX_IN_FLIGHT);
      expect(stats.dropped).toBe(RULES - MAX_IN_FLIGHT);
      expect(server.openSockets()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
      expect(await failedCount(monitor, kind)).toBe(RULES - MAX_IN_FLIGHT);

      const started = Date.now();
      const drained = await alerting.close(200);

      expect(drained).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(alerting.notifier.stats().inFlight).toBe(0);
      expect(await failedCount(monitor, kind)).toBe(RULES);
      await waitFor(() => server.openSockets() === 0, 10_000);
    } finally {
      await monitor.close(100);
      await server.close();
    }
  });

  it.each(HANGS)('times out each attempt to %s (%s)', async (kind, mode) => {
    const server = await startFault(kind, mode);
    const delivery = { timeoutMillis: 200, retries: 1, backoffMillis: 0 };
    const { monitor, alerting } = alertingInto(kind, server, delivery);
    try {
      const started = Date.now();
      await alerting.evaluate();

      expect(Date.now() - started).toBeLessThan(5000);
      expect(alerting.notifier.stats().inFlight).toBe(0);
      expect(await failedCount(monitor, kind)).toBe(RULES);
      await waitFor(() => server.openSockets() === 0, 10_000);
    } finally {
      await monitor.close(100);
      await server.close();
    }
  });
});

describe('429 Retry-After', () => {
  it('gives up at once over the cap', async () => {
    const server = await startHttpFault('429', { retryAfterSeconds: 120 });
    const channel = slackChannel({ webhookUrl: `${server.url}/hook`, retries: 3 });
    const started = Date.now();
    try {
      await expect(channel.send(notification())).rejects.toThrow(/429/);

      expect(Date.now() - started).toBeLessThan(2000);
      expect(server.received()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('honours a wait within the cap', async () => {
    const server = await startHttpFault('429', { retryAfterSeconds: 1 });
    const channel = slackChannel({ webhookUrl: `${server.url}/hook`, retries: 1 });
    const started = Date.now();
    try {
      await expect(channel.send(notification())).rejects.toThrow(/429/);

      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.received()).toBe(2);
    } finally {
      await server.close();
    }
  });

  const WAITS = [
    ['a 30 s Retry-After', '429', { retries: 3 }],
    ['a 20 s backoff', '500', { retries: 3, backoffMillis: 20_000 }],
  ] as const;

  it.each(WAITS)('ends %s when closed', async (_title, mode, delivery) => {
    const server = await startHttpFault(mode, { retryAfterSeconds: 30 });
    const { monitor, alerting } = alertingInto('webhook', server, delivery);
    try {
      void alerting.evaluate();
      await waitFor(() => server.received() >= RULES, 5000);
      const started = Date.now();
      const drained = await alerting.close(300);

      expect(drained).toBe(false);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(alerting.notifier.stats().inFlight).toBe(0);
      expect(await failedCount(monitor, 'webhook')).toBe(RULES);
      expect(server.received()).toBe(RULES);
    } finally {
      await monitor.close(100);
      await server.close();
    }
  });
});

function notification() {
  return {
    version: '4' as const,
    groupKey: '{}:{}',
    truncatedAlerts: 0,
    status: 'firing' as const,
    receiver: 'test',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: '',
    alerts: [
      {
        status: 'firing' as const,
        labels: { alertname: 'Probe', severity: 'critical' },
        annotations: { summary: 'Probe is up.' },
        startsAt: new Date(0).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: '',
        fingerprint: '0',
      },
    ],
  };
}
