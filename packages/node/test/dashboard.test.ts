import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createKpiSink,
  trackReferral,
  trackSiteGenerated,
  trackVisit,
} from '@4site/monitor-business';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAlerting,
  createDashboardEndpoints,
  createNodeMonitor,
  type DashboardDocument,
  type DashboardEndpoints,
  type DashboardEndpointsOptions,
  type NodeMonitor,
} from '../src';

const TOKEN = 'dashboard-test-token-0123456789';
const START = Date.UTC(2026, 0, 1);
let clock = START;
const servers: Server[] = [];
const monitors: NodeMonitor[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  await Promise.all(monitors.splice(0).map((monitor) => monitor.close()));
});

async function serve(options: DashboardEndpointsOptions = {}) {
  clock = START;
  const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false }, now: () => clock });
  monitors.push(monitor);
  const kpiSink = createKpiSink({ now: () => clock });
  monitor.addSink(kpiSink);
  const dashboard = createDashboardEndpoints(monitor, {
    start: false,
    now: () => clock,
    kpiSink,
    ...options,
  });
  const server = createServer((request, response) => dashboard.middleware(request, response));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { monitor, dashboard, url };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Opens an event stream and collects its text until `close()`. */
function openStream(url: string, headers: Record<string, string> = {}) {
  let text = '';
  const request = get(url, { headers });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.on('response', (message) => {
      message.setEncoding('utf8');
      message.on('data', (chunk: string) => {
        text += chunk;
      });
      resolve(message);
    });
    request.on('error', reject);
  });
  return { response, text: () => text, close: () => request.destroy() };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

const sampleAt = async (dashboard: DashboardEndpoints, second: number) => {
  clock = START + second * 1000;
  return dashboard.sample();
};

describe('dashboard access', () => {
  it('rejects every request when access is not set', async () => {
    const { url } = await serve();

    const response = await fetch(`${url}/monitor/kpis`);
    const body = (await response.json()) as { error: string };

    expect(response.status).toBe(403);
    expect(body.error).toMatch(/access is not configured/);
  });

  it('checks the bearer token', async () => {
    const { url } = await serve({ access: { token: TOKEN } });

    const missing = await fetch(`${url}/monitor/kpis`);
    const wrong = await fetch(`${url}/monitor/kpis`, { headers: bearer(`${TOKEN}x`) });
    const right = await fetch(`${url}/monitor/kpis`, { headers: bearer(TOKEN) });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
  });

  it('asks the authorize callback', async () => {
    const { url } = await serve({
      access: { authorize: (request) => request.headers['x-team'] === 'growth' },
    });

    const denied = await fetch(`${url}/monitor/events`);
    const allowed = await fetch(`${url}/monitor/kpis`, { headers: { 'x-team': 'growth' } });

    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: 'Access to the dashboard is not allowed.' });
    expect(allowed.status).toBe(200);
  });

  it('rejects a short token at start-up', () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    monitors.push(monitor);

    expect(() => createDashboardEndpoints(monitor, { access: { token: 'short' } })).toThrow(
      /Invalid access.token/,
    );
  });
});

describe('dashboard document', () => {
  it('returns KPIs, bounded history and alerts', async () => {
    const { monitor, dashboard, url } = await serve({ access: 'public', historyLength: 3 });
    const alerting = createAlerting(monitor, { start: false, now: () => clock });
    const withAlerts = createDashboardEndpoints(monitor, {
      access: 'public',
      start: false,
      basePath: '/other',
      alerts: alerting.evaluator,
    });
    trackVisit(monitor, { channel: 'social', page: '/' });
    trackSiteGenerated(monitor, { generationId: 'g1', outcome: 'success', durationSeconds: 2 });
    trackReferral(monitor, { referralId: 'r1' });
    for (let second = 0; second < 5; second += 1) await sampleAt(dashboard, second);

    const document = (await (await fetch(`${url}/monitor/kpis`)).json()) as DashboardDocument;

    expect(document.current?.counts.visits).toBe(1);
    expect(document.current?.kpis.viralCoefficient).toBe(1);
    expect(document.history).toHaveLength(3);
    expect(document.history[2]?.at).toBe(START + 4000);
    expect(document.alerts).toBeNull();
    expect(withAlerts.document().alerts?.alerts.map((alert) => alert.name)).toContain(
      'ViralCoefficientDrop',
    );
  });

  it('reports latency quantiles and no data for missing series', async () => {
    const { monitor, dashboard } = await serve({ access: 'public' });
    // A series needs two samples in the window, so the first observation comes before the first.
    trackSiteGenerated(monitor, { generationId: 'first', outcome: 'success', durationSeconds: 1 });
    await sampleAt(dashboard, 0);
    for (let index = 0; index < 20; index += 1) {
      const durationSeconds = index < 15 ? 1 : 50;
      trackSiteGenerated(monitor, {
        generationId: `g${index}`,
        outcome: 'success',
        durationSeconds,
      });
    }

    const sample = await sampleAt(dashboard, 5);

    expect(sample.siteGenerationP95Seconds).toBeGreaterThan(1);
    expect(sample.webVitalsP75.LCP).toBeNull();
    expect(sample.apiP95Seconds).toBeNull();
    expect(sample.kpis.leadQuality).toBeNull();
  });
});

describe('dashboard event stream', () => {
  it('sends a snapshot, samples and heartbeats', async () => {
    const { dashboard, url } = await serve({ access: { token: TOKEN }, heartbeatMillis: 1000 });
    const stream = openStream(`${url}/monitor/events`, bearer(TOKEN));

    const response = await stream.response;
    await waitFor(() => stream.text().includes('event: snapshot'), 'the snapshot');
    await sampleAt(dashboard, 1);
    await waitFor(() => stream.text().includes('event: sample'), 'a sample');
    await waitFor(() => stream.text().includes(': heartbeat'), 'a heartbeat');
    stream.close();

    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.text()).toMatch(/^event: snapshot\ndata: \{"current":null/);
  });

  it('caps clients and frees a slot on disconnect', async () => {
    const { url } = await serve({ access: 'public', maxClients: 1 });
    const first = openStream(`${url}/monitor/events`);
    await first.response;

    const refused = await fetch(`${url}/monitor/events`);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = openStream(`${url}/monitor/events`);
    const accepted = await second.response;
    second.close();

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(accepted.statusCode).toBe(200);
  });

  it('ends the streams when the monitor closes', async () => {
    const { monitor, url } = await serve({ access: 'public' });
    const stream = openStream(`${url}/monitor/events`);
    const response = await stream.response;
    const ended = once(response, 'end');

    await monitor.close();
    await ended;
    const after = await fetch(`${url}/monitor/events`);

    expect(response.complete).toBe(true);
    expect(after.status).toBe(503);
  });

  it('passes other paths to next', async () => {
    const { dashboard } = await serve({ access: 'public' });
    let passed = false;

    dashboard.middleware(
      { url: '/api/sites', method: 'GET' } as IncomingMessage,
      {} as never,
      () => {
        passed = true;
      },
    );

    expect(passed).toBe(true);
  });
});
