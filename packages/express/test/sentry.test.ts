import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createNodeMonitor } from '@4site/monitor-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SentryReceiver, startSentryReceiver } from '../../node/test/support/sentry-receiver';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../src';
import { expressVersions } from './app';

let receiver: SentryReceiver;

beforeAll(async () => {
  receiver = await startSentryReceiver();
});

afterAll(async () => {
  await receiver.close();
});

describe.each(expressVersions)('Sentry through Express on %s', (_name, express) => {
  it('reports one event per error with the route template and no credentials', async () => {
    receiver.items.length = 0;
    receiver.raw.length = 0;
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: receiver.dsn },
    });
    const app = express();
    app.use(monitorMiddleware(monitor));
    app.use(monitorEndpoints(monitor));
    app.get('/sites/:id', (req) => {
      monitor.record('share', { platform: 'link' });
      throw new Error(`site ${req.params.id} failed`);
    });
    app.use(monitorErrorHandler(monitor));
    app.use(monitorErrorHandler(monitor));
    app.use(
      (
        _error: unknown,
        _req: unknown,
        res: { status(code: number): { end(): void } },
        _next: unknown,
      ) => {
        res.status(500).end();
      },
    );
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const response = await fetch(`${base}/sites/abc?session_token=planted-token`, {
      headers: { cookie: 'sid=planted-cookie', authorization: 'Bearer planted-bearer' },
    });
    await monitor.close(2000);
    server.close();
    const events = receiver.events();
    const raw = receiver.raw.join('\n');

    expect(response.status).toBe(500);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      transaction: 'GET /sites/:id',
      request: { method: 'GET', url: '/sites/abc', query_string: 'session_token=[Filtered]' },
    });
    expect(events[0]?.breadcrumbs).toEqual([
      expect.objectContaining({ category: 'monitor.event', message: 'share' }),
    ]);
    expect(raw).not.toMatch(/planted-(token|cookie|bearer)/);
    expect(raw).not.toMatch(/"(cookie|authorization)"/i);
  });

  it('adds the request data after an await without request isolation', async () => {
    receiver.items.length = 0;
    receiver.raw.length = 0;
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: receiver.dsn, isolateRequests: false },
    });
    const app = express();
    app.use(monitorMiddleware(monitor));
    app.get('/sites/:id', async (req, _res, next) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      next(new Error(`site ${req.params.id} failed`));
    });
    app.use(monitorErrorHandler(monitor));
    app.use((_error: unknown, _req: unknown, res: { status(code: number): { end(): void } }) => {
      res.status(500).end();
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await fetch(`${base}/sites/xyz?session_token=planted-token`);
    await monitor.close(2000);
    server.close();
    const events = receiver.events();

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      transaction: 'GET /sites/:id',
      request: { method: 'GET', url: '/sites/xyz', query_string: 'session_token=[Filtered]' },
    });
    expect(receiver.raw.join('\n')).not.toContain('planted-token');
  });
});
