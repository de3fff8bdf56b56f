import { afterEach, describe, expect, it } from 'vitest';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const visit = { name: 'visit', properties: { channel: 'social', page: '/' }, timestamp: 1 };
const json = { 'content-type': 'application/json' };

// Each kind of bad request is in the table of ingest-bad-requests-cases.ts.
function post(body: string | Buffer, headers: Record<string, string> = json) {
  return fetch(`${app?.url}/monitor/ingest`, { method: 'POST', headers, body });
}

async function businessTotal(): Promise<number> {
  const text = await (await fetch(`${app?.url}/metrics`)).text();
  const lines = text
    .split('\n')
    .filter((line) => /^foursite_(visits|shares|conversions|sessions)_total/.test(line));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe.each(expressVersions)('ingest hardening on %s', (_name, express) => {
  it('counts an event id once across batches', async () => {
    app = await startApp(express);
    const event = { ...visit, id: 'evt-1' };

    const first = await post(JSON.stringify({ events: [event, event] }));
    const again = await post(JSON.stringify({ events: [event] }), { 'content-type': 'text/plain' });

    expect(await first.json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(await businessTotal()).toBe(1);
  });

  it('counts a web-vitals metric id once', async () => {
    app = await startApp(express);
    const lcp = (id: string) => ({
      name: 'web_vital',
      id,
      properties: {
        metric: 'LCP',
        value: 1800,
        id: 'v5-1700000000000-42',
        page: '/sites/:id',
        navigationType: 'navigate',
        deviceClass: 'desktop',
        rating: 'good',
      },
    });

    const response = await post(JSON.stringify({ events: [lcp('a'), lcp('b')] }));
    const text = await (await fetch(`${app.url}/metrics`)).text();

    expect(await response.json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(text).toContain(
      'foursite_web_vitals_lcp_seconds_count{page="/sites/:id",device_class="desktop"} 1',
    );
  });

  it('allows configured origins and answers their preflight', async () => {
    app = await startApp(express, { endpoints: { allowedOrigins: ['https://4site.pro'] } });
    const origin = { origin: 'https://4site.pro' };

    const preflight = await fetch(`${app.url}/monitor/ingest`, {
      method: 'OPTIONS',
      headers: origin,
    });
    const response = await post(JSON.stringify({ events: [visit] }), { ...json, ...origin });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://4site.pro');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://4site.pro');
  });

  it('rejects other origins with 403', async () => {
    app = await startApp(express, { endpoints: { allowedOrigins: ['https://4site.pro'] } });
    const origin = { origin: 'https://evil.example' };

    const preflight = await fetch(`${app.url}/monitor/ingest`, {
      method: 'OPTIONS',
      headers: origin,
    });
    const response = await post(JSON.stringify({ events: [visit] }), {
      'content-type': 'text/plain',
      ...origin,
    });

    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('allowedOrigins');
    expect(await businessTotal()).toBe(0);
  });

  it('accepts same-origin beacons without configuration', async () => {
    app = await startApp(express);

    const response = await post(JSON.stringify({ events: [visit] }), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: app.url,
    });

    expect(response.status).toBe(202);
  });

  it('rate-limits a client with 429 and counts the violation', async () => {
    app = await startApp(express, { endpoints: { rateLimit: { requestsPerMinute: 1, burst: 2 } } });
    const body = JSON.stringify({ events: [visit] });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(body)).status);
    const limited = await post(body);
    const text = await (await fetch(`${app.url}/metrics`)).text();

    expect(statuses).toEqual([202, 202, 429, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(text).toContain('foursite_rate_limit_violations_total{scope="ingest"} 3');
    expect(text).toContain('foursite_ingest_rejected_total{reason="rate_limited"} 3');
    expect(text).not.toContain('127.0.0.1');
  });
});
