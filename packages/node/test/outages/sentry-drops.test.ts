import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeMonitor, type NodeMonitor } from '../../src';
import {
  type Fault,
  type FaultServer,
  type SentryIntake,
  sentryIntake,
  startFaultServer,
} from '../support/fault-server';

let intake: SentryIntake;
let server: FaultServer;

beforeAll(async () => {
  intake = sentryIntake();
  server = await startFaultServer({ handler: intake.handler });
});

afterAll(async () => {
  await server.close();
});

/** Reads `foursite_monitor_vendor_dropped_total{vendor="sentry"}` by reason. */
async function sentryDrops(monitor: NodeMonitor): Promise<Record<string, number>> {
  const metric = await monitor.registry
    .getSingleMetric('foursite_monitor_vendor_dropped_total')
    ?.get();
  const drops: Record<string, number> = {};
  for (const { labels, value } of metric?.values ?? []) {
    if (labels.vendor === 'sentry') drops[String(labels.reason)] = value;
  }
  return drops;
}

const total = (drops: Record<string, number>) =>
  Object.values(drops).reduce((sum, value) => sum + value, 0);

// Each case captures ERRORS distinct errors; every one is either accepted or counted, once.
const ERRORS = 80;
const cases: [string, Fault, string][] = [
  ['a closed port', { mode: 'down' }, 'network_error'],
  ['a hanging intake', { mode: 'hang' }, 'timeout'],
  ['500 answers', { mode: 'error' }, 'http_error'],
  ['429 with Retry-After', { mode: 'rate_limited', retryAfterSeconds: 60 }, 'rate_limited'],
  ['a slow intake', { mode: 'slow', slowMillis: 300 }, 'queue_full'],
];

describe('Sentry drop counter', () => {
  it.each(cases)('counts every undelivered event under %s', async (_name, fault, reason) => {
    await server.setFault(fault);
    const acceptedBefore = intake.eventIds.length;
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: `http://key@127.0.0.1:${server.port}/1`, sendTimeoutMillis: 500 },
    });

    for (let i = 0; i < ERRORS; i++) monitor.captureError(new Error(`failure ${i}`));
    await monitor.close(3000);
    const drops = await sentryDrops(monitor);
    const accepted = intake.eventIds.length - acceptedBefore;

    expect(drops[reason]).toBeGreaterThan(0);
    expect(accepted + total(drops)).toBe(ERRORS);
  });
});

/** Starts a TCP server that sends one byte every 100 ms on each connection and never ends. */
async function startTricklingIntake() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const text = `HTTP/1.1 200 OK\r\nx-padding: ${'a'.repeat(10_000)}`;
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < text.length) socket.write(text[sent++] as string);
    }, 100);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Sentry send deadline', () => {
  it('abandons an intake that trickles bytes', async () => {
    const trickling = await startTricklingIntake();
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: `http://key@127.0.0.1:${trickling.port}/1`, sendTimeoutMillis: 500 },
    });
    try {
      for (let i = 0; i < 3; i++) monitor.captureError(new Error(`trickled ${i}`));
      // The bytes arrive more often than every 500 ms, so only an overall deadline ends the
      // requests before this flush times out.
      const flushed = await monitor.flush(4000);
      const drops = await sentryDrops(monitor);

      expect(flushed).toBe(true);
      expect(drops.timeout).toBe(3);
    } finally {
      await monitor.close(1000);
      await trickling.close();
    }
  });
});
