import type { AlertRule } from '@4site/monitor-core';
import { Gauge } from 'prom-client';
import {
  type AlertChannel,
  createNodeMonitor,
  type DeliveryOptions,
  emailChannel,
  pagerDutyChannel,
  slackChannel,
  webhookChannel,
} from '../src';
import { startReceiver, startSmtpServer } from './alert-servers';
import {
  type FaultMode,
  type FaultOptions,
  type FaultServer,
  startHttpFault,
  startSmtpFault,
} from './support/alert-fault-servers';

export const CHANNEL_KINDS = ['slack', 'pagerduty', 'email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A server that a channel sends to, with the count of requests or messages it took. */
export interface ChannelServer {
  readonly url: string;
  readonly port: number;
  readonly received: () => number;
  close(): Promise<void>;
}

/** Starts a fault server of the kind's protocol: SMTP for e-mail, HTTP for the rest. */
export function startFault(
  kind: ChannelKind,
  mode: FaultMode | 'hang-data',
  options: FaultOptions = {},
): Promise<FaultServer> {
  if (kind === 'email') return startSmtpFault(mode, options);
  return startHttpFault(mode === 'hang-data' ? 'hang' : mode, options);
}

/** Starts a working receiver of the kind's protocol. */
export async function startHealthy(kind: ChannelKind): Promise<ChannelServer> {
  if (kind === 'email') {
    const smtp = await startSmtpServer();
    return {
      url: `smtp://127.0.0.1:${smtp.port}`,
      port: smtp.port,
      received: () => smtp.messages.length,
      close: smtp.close,
    };
  }
  const receiver = await startReceiver();
  return {
    url: receiver.url,
    port: 0,
    received: () => receiver.requests.length,
    close: receiver.close,
  };
}

/** Creates a channel of `kind`, named after it, that sends to `server`. */
export function channelFor(
  kind: ChannelKind,
  server: Pick<ChannelServer, 'url' | 'port'>,
  delivery: DeliveryOptions,
): AlertChannel {
  switch (kind) {
    case 'slack':
      return slackChannel({ webhookUrl: `${server.url}/hook`, ...delivery });
    case 'pagerduty':
      return pagerDutyChannel({
        url: `${server.url}/v2/enqueue`,
        routingKey: 'r'.repeat(32),
        ...delivery,
      });
    case 'email':
      return emailChannel({
        host: '127.0.0.1',
        port: server.port,
        from: 'alerts@example.test',
        to: 'oncall@example.test',
        ...delivery,
      });
    case 'webhook':
      return webhookChannel({ url: `${server.url}/alerts`, ...delivery });
  }
}

/** Rules named `Probe0`... that fire while the gauge `outage_probe_value{rule}` is above 0. */
export function probeRules(count: number): AlertRule[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Probe${index}`,
    source: {
      kind: 'gauge',
      metric: 'outage_probe_value',
      matchers: { rule: String(index) },
      aggregation: 'max',
    },
    comparison: '>',
    threshold: 0,
    severity: 'critical',
    summary: `Probe ${index} is up.`,
    response: 'Nothing to do: the probe is a test.',
  }));
}

/** Creates a Node monitor with the gauge that `probeRules` read, and a setter of its value. */
export function probeMonitor(now?: () => number) {
  const monitor = createNodeMonitor({
    prometheus: { defaultMetrics: false, cluster: false },
    ...(now ? { now } : {}),
  });
  const gauge = new Gauge({
    name: 'outage_probe_value',
    help: 'Value that the probe rules watch.',
    labelNames: ['rule'],
    registers: [monitor.registry],
  });
  const setProbes = (count: number, value: number) => {
    for (let index = 0; index < count; index += 1) gauge.labels(String(index)).set(value);
  };
  return { monitor, setProbes };
}

/** Reads `foursite_alert_notifications_failed_total{channel}` from the monitor's registry. */
export async function failedCount(
  monitor: ReturnType<typeof createNodeMonitor>,
  channel: string,
): Promise<number> {
  const metric = monitor.registry.getSingleMetric('foursite_alert_notifications_failed_total');
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.find((value) => value.labels.channel === channel)?.value ?? 0;
}
