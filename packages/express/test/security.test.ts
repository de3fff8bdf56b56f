import { MonitorError } from '@4site/monitor-core';
import { createNodeMonitor } from '@4site/monitor-node';
import { rateLimit } from 'express-rate-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { authFailureMiddleware, rateLimitHandler, recordAuthFailure } from '../src';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function metricsText(): Promise<string> {
  return (await fetch(`${app?.url}/metrics`)).text();
}

describe.each(expressVersions)('security hooks on %s', (_name, express) => {
  it('counts 401 responses by reason', async () => {
    app = await startApp(express, {
      routes: (server, monitor) => {
        server.use('/private', authFailureMiddleware(monitor));
        server.get('/private/a', (_req, res) => {
          res.status(401).end();
        });
        server.get('/private/b', (_req, res) => {
          res.locals.authFailureReason = 'expired_token';
          res.status(401).end();
        });
        server.get('/private/ok', (_req, res) => {
          res.send('ok');
        });
      },
    });

    await fetch(`${app.url}/private/a`);
    await fetch(`${app.url}/private/a`, { headers: { authorization: 'Bearer secret-token' } });
    await fetch(`${app.url}/private/b`);
    await fetch(`${app.url}/private/ok`);
    const text = await metricsText();

    expect(text).toContain('foursite_auth_failures_total{reason="missing_credentials"} 1');
    expect(text).toContain('foursite_auth_failures_total{reason="invalid_credentials"} 1');
    expect(text).toContain('foursite_auth_failures_total{reason="expired_token"} 1');
    expect(text).not.toContain('secret-token');
  });

  it('counts a direct call', async () => {
    app = await startApp(express);

    recordAuthFailure(app.monitor, 'invalid_token');

    expect(await metricsText()).toContain('foursite_auth_failures_total{reason="invalid_token"} 1');
  });

  it('counts express-rate-limit violations and answers like its default handler', async () => {
    app = await startApp(express, {
      routes: (server, monitor) => {
        const limiter = rateLimit({
          windowMs: 60_000,
          limit: 2,
          message: { error: 'slow down' },
          handler: rateLimitHandler(monitor, { scope: 'auth' }),
        });
        server.post('/login', limiter, (_req, res) => {
          res.send('ok');
        });
      },
    });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${app.url}/login`, { method: 'POST' })).status);
    const limited = await fetch(`${app.url}/login`, { method: 'POST' });
    const text = await metricsText();

    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(await limited.json()).toEqual({ error: 'slow down' });
    expect(text).toContain('foursite_rate_limit_violations_total{scope="auth"} 3');
    expect(text).not.toMatch(/127\.0\.0\.1|::ffff/);
  });
});

describe('rateLimitHandler options', () => {
  it('rejects a scope outside the catalog', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    const create = () => rateLimitHandler(monitor, { scope: 'login' });

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(/Invalid scope "login": use one of api, auth/);
    await monitor.close();
  });
});
