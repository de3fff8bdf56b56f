import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { MonitorError } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import { createNodeMonitor, type NodeMonitor } from '../src';

/** Returns a UDP port on 127.0.0.1 that was free a moment ago and has no listener now. */
async function closedUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function dogStatsDDrops(monitor: NodeMonitor): Promise<number> {
  const metric = await monitor.registry
    .getSingleMetric('foursite_monitor_vendor_dropped_total')
    ?.get();
  let sum = 0;
  for (const { labels, value } of metric?.values ?? []) {
    if (labels.vendor === 'dogstatsd' && labels.reason === 'network_error') sum += value;
  }
  return sum;
}

describe('DogStatsD drop counter', () => {
  it('counts refused lines at most once', async () => {
    const port = await closedUdpPort();
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      datadog: {
        tracing: false,
        dogstatsd: { hostname: '127.0.0.1', port, flushIntervalMillis: 200 },
      },
    });
    // Each error is one `errors` count line. Several flushes of many lines each let the refusal of
    // one flush reach both the next send callback and the socket's 'error' event.
    const LINES = 200;
    for (let i = 0; i < LINES; i++) {
      monitor.captureError(new Error(`refused ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await monitor.close(2000);
    const dropped = await dogStatsDDrops(monitor);

    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThanOrEqual(LINES);
  });
});

describe('DogStatsD options', () => {
  it.each(['1s', 0, 5, 120_000])('rejects flushIntervalMillis %s', (flushIntervalMillis) => {
    const create = () =>
      createNodeMonitor({
        prometheus: { defaultMetrics: false },
        datadog: {
          tracing: false,
          dogstatsd: {
            hostname: '127.0.0.1',
            port: 9,
            flushIntervalMillis: flushIntervalMillis as never,
          },
        },
      });

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(
      /Invalid datadog\.dogstatsd\.flushIntervalMillis .+: use milliseconds from 10 to 60000/,
    );
  });
});
