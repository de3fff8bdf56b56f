import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import type express5 from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SentryReceiver, startSentryReceiver } from '../../node/test/support/sentry-receiver';
import { monitorErrorHandler, monitorMiddleware } from '../src';

// Sentry instruments Express when it is required, so the monitor starts before Express loads,
// as it would in a file given to `node --import`. Each test file runs in its own process.
let sentry: SentryReceiver;
let monitor: NodeMonitor;
let base: string;
let close: () => void;
const require = createRequire(import.meta.url);

beforeAll(async () => {
  sentry = await startSentryReceiver();
  monitor = createNodeMonitor({
    service: '4site-api',
    environment: 'test',
    prometheus: { defaultMetrics: false },
    sentry: { dsn: sentry.dsn, tracesSampleRate: 1 },
  });
  const express = require('express') as typeof express5;
  const app = express();
  app.use(monitorMiddleware(monitor));
  app.get('/sites/:id', (req, res) => {
    if (req.params.id === 'broken') throw new Error('traced failure');
    res.json({ id: req.params.id });
  });
  app.use(monitorErrorHandler(monitor));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(async () => {
  close();
  await monitor.close(2000);
  await sentry.close();
});

const secrets = { cookie: 'session=c00kie-9', authorization: 'Bearer t0ken-9' };

describe('Sentry tracing without DataDog', () => {
  it('names transactions by route template', async () => {
    await fetch(`${base}/sites/site-123?token=q-secret`, { headers: secrets });
    await monitor.flush(2000);

    await vi.waitFor(() => {
      expect(segmentNames()).toContain('GET /sites/:id');
    });
    expect(segmentNames().some((name) => name.includes('site-123'))).toBe(false);
    expect(sentry.raw.join('\n')).not.toMatch(/c00kie-9|t0ken-9|q-secret/);
  });

  it('reports an error once, named like its transaction', async () => {
    sentry.items.length = 0;
    await fetch(`${base}/sites/broken`, { headers: secrets });
    await monitor.flush(2000);

    await vi.waitFor(() => expect(sentry.events()).toHaveLength(1));
    expect(sentry.events()[0]?.transaction).toBe('GET /sites/:id');
    expect(sentry.raw.join('\n')).not.toMatch(/c00kie-9|t0ken-9|q-secret/);
  });
});

/**
 * Names of the root spans that Sentry 11 streams as `span` items (span format v2). Older
 * versions send them as `transaction` items, which are read too.
 */
function segmentNames(): string[] {
  return sentry.items.flatMap((item) => {
    if (item.header.type === 'transaction') return [String(item.payload.transaction)];
    if (item.header.type !== 'span') return [];
    const spans = (item.payload.items ?? []) as { name: string; is_segment?: boolean }[];
    return spans.filter((span) => span.is_segment).map((span) => span.name);
  });
}
