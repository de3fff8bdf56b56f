import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import type express5 from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type DogStatsDReceiver,
  QUIET_DD_TRACE_ENV,
  startDogStatsDReceiver,
  startTraceAgent,
  type TraceAgent,
} from '../../node/test/support/datadog-agent';
import { type SentryReceiver, startSentryReceiver } from '../../node/test/support/sentry-receiver';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../src';

// dd-trace patches Express when it is required, so this file starts the monitor first and
// requires Express after; each test file runs in its own process.
let agent: TraceAgent;
let statsd: DogStatsDReceiver;
let sentry: SentryReceiver;
let monitor: NodeMonitor;
const warn = vi.fn();

beforeAll(async () => {
  [agent, statsd, sentry] = await Promise.all([
    startTraceAgent(),
    startDogStatsDReceiver(),
    startSentryReceiver(),
  ]);
  Object.assign(process.env, QUIET_DD_TRACE_ENV);
  monitor = createNodeMonitor({
    service: '4site-api',
    environment: 'test',
    release: '1.2.3',
    prometheus: { defaultMetrics: false },
    logWriter: { debug() {}, info() {}, warn, error() {} },
    sentry: { dsn: sentry.dsn, tracesSampleRate: 1 },
    datadog: {
      url: agent.url,
      flushInterval: 100,
      dogstatsd: { hostname: '127.0.0.1', port: statsd.port, flushIntervalMillis: 50 },
    },
  });
});

afterAll(async () => {
  await monitor.close(2000);
  await Promise.all([agent.close(), statsd.close(), sentry.close()]);
});

const require = createRequire(import.meta.url);

describe.each(['express', 'express4'])('dd-trace with %s', (name) => {
  it('names request spans by route template', async () => {
    const express = require(name) as typeof express5;
    const app = express();
    app.use(monitorMiddleware(monitor));
    app.use(monitorEndpoints(monitor));
    const router = express.Router();
    router.get('/:userId/sites', (_req, res) => {
      res.send('ok');
    });
    app.use('/api/users', router);
    app.get('/sites/:id', () => {
      throw new Error('traced failure');
    });
    app.use(monitorErrorHandler(monitor));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    agent.spans.length = 0;

    await fetch(`${base}/sites/abc123`);
    await fetch(`${base}/api/users/u-42/sites`);
    await vi.waitFor(
      () => {
        const resources = agent.spans.filter((span) => span.name === 'express.request');
        expect(resources.map((span) => span.resource).sort()).toEqual([
          'GET /api/users/:userId/sites',
          'GET /sites/:id',
        ]);
      },
      { timeout: 10_000, interval: 100 },
    );
    server.close();

    expect(agent.spans.some((span) => span.resource.includes('abc123'))).toBe(false);
    expect(agent.spans.every((span) => span.service.startsWith('4site-api'))).toBe(true);
  });
});

describe('one tracer', () => {
  it('leaves tracing to dd-trace and sends Sentry errors only', async () => {
    await monitor.flush(2000);

    const client = (require('@sentry/node') as typeof import('@sentry/node')).getClient();
    const types = sentry.items.map((item) => item.header.type);

    expect(client?.getOptions().tracesSampleRate).toBeUndefined();
    expect(client?.getIntegrationByName('Http')).toBeUndefined();
    expect(types).toContain('event');
    expect(types).not.toContain('transaction');
    expect(types).not.toContain('span');
    expect(
      warn.mock.calls.some((call) => String(call[0]).includes('tracesSampleRate is ignored')),
    ).toBe(true);
  });

  it('sends business events as DogStatsD counts', async () => {
    monitor.record('share', { platform: 'twitter' });
    monitor.record('site_generated', {
      generationId: 'g-1',
      outcome: 'success',
      durationSeconds: 4.5,
    });
    await monitor.flush(2000);

    await vi.waitFor(() => {
      expect(statsd.lines).toContain(
        'foursite.shares:1|c|#platform:twitter,service:4site-api,env:test,version:1.2.3',
      );
      expect(statsd.lines).toContain(
        'foursite.site_generation.duration:4.5|d|#outcome:success,service:4site-api,env:test,version:1.2.3',
      );
    });
  });
});
