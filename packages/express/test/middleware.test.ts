import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { expressVersions, type MonitoredApp, startApp } from './app';

const run = promisify(execFile);
let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  return response.text();
}

function routeLabels(text: string): string[] {
  const routes = [
    ...text.matchAll(/http_server_request_duration_seconds_count\{[^}]*route="([^"]*)"/g),
  ];
  return routes.map((match) => match[1] ?? '').sort();
}

describe.each(expressVersions)('monitorMiddleware on %s', (_name, express) => {
  it('labels requests with route templates', async () => {
    app = await startApp(express);

    await fetch(`${app.url}/sites/abc123`);
    await fetch(`${app.url}/sites/def456`);
    await fetch(`${app.url}/api/users/u-99/sites`);
    await fetch(`${app.url}/no/such/page/42`);
    const text = await scrape(app.url);

    expect(routeLabels(text)).toEqual(['/api/users/:userId/sites', '/sites/:id', 'unmatched']);
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('u-99');
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/sites\/:id",status_code="200"\} 2/,
    );
    expect(text).toMatch(/route="\/api\/users\/:userId\/sites",status_code="201"\} 1/);
  });

  it('labels nested routers with parameters as templates', async () => {
    app = await startApp(express);

    await fetch(`${app.url}/orgs/o1/teams/t1/members/m1`);
    await fetch(`${app.url}/orgs/o2/teams/t2/members/m2`);
    const text = await scrape(app.url);

    expect(routeLabels(text)).toEqual(['/orgs/:orgId/teams/:teamId/members/:memberId']);
    expect(text).not.toContain('o1');
  });

  it('labels sub-apps mounted under parameters as templates', async () => {
    app = await startApp(express, {
      routes: (parent) => {
        const tenant = express();
        const admin = express();
        admin.get('/users/:userId', (_req, res) => {
          res.send('user');
        });
        tenant.get('/items/:id', (_req, res) => {
          res.send('item');
        });
        tenant.use('/admin/:section', admin);
        parent.use('/t/:tenant', tenant);
      },
    });

    await fetch(`${app.url}/t/alice.planted%40example.com/items/i1`);
    await fetch(`${app.url}/t/tok%3DSECRET123/items/i2`);
    await fetch(`${app.url}/t/bob/admin/billing/users/u7`);
    const text = await scrape(app.url);

    expect(routeLabels(text)).toEqual([
      '/t/:tenant/admin/:section/users/:userId',
      '/t/:tenant/items/:id',
    ]);
    expect(text).not.toMatch(/planted|SECRET123|billing/);
  });

  it('does not count client errors as errors', async () => {
    app = await startApp(express);

    await fetch(`${app.url}/bad-request`);
    const text = await scrape(app.url);

    expect(text).toContain('foursite_errors_total 0');
  });

  it('labels the SDK endpoints with their paths', async () => {
    app = await startApp(express);

    await fetch(`${app.url}/health`);
    const text = await scrape(app.url);

    expect(text).toMatch(/method="GET",route="\/health",status_code="200"\} 1/);
  });

  it('caps distinct routes and pools the rest as other', async () => {
    app = await startApp(express, { maxRoutes: 1 });

    await fetch(`${app.url}/sites/1`);
    await fetch(`${app.url}/api/users/2/sites`);
    const text = await scrape(app.url);

    expect(routeLabels(text)).toEqual(['/sites/:id', 'other']);
  });

  it('times each request once when mounted twice', async () => {
    app = await startApp(express, { mountTwice: true });

    await fetch(`${app.url}/sites/1`);
    const text = await scrape(app.url);

    expect(text).toMatch(/route="\/sites\/:id",status_code="200"\} 1$/m);
  });

  it('captures route errors and passes them on', async () => {
    app = await startApp(express);

    const response = await fetch(`${app.url}/boom`);
    const text = await scrape(app.url);

    expect(response.status).toBe(500);
    expect(text).toContain('foursite_errors_total 1');
    expect(text).toMatch(/route="\/boom",status_code="500"\} 1/);
  });

  it('serves /metrics that promtool accepts', async () => {
    app = await startApp(express);
    await fetch(`${app.url}/sites/1`);

    const response = await fetch(`${app.url}/metrics`);
    const file = join(tmpdir(), `metrics-${process.pid}-${Date.now()}.txt`);
    await writeFile(file, await response.text());
    const check = await run('sh', ['-c', `promtool check metrics < "${file}"`]);

    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(check.stdout + check.stderr).toBe('');
  });

  it('answers /health with the service name', async () => {
    app = await startApp(express);

    const response = await fetch(`${app.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: '4site-api' });
  });
});
