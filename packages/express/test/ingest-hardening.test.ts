import { afterEach, describe, expect, it } from 'vitest';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const visit = { name: 'visit', properties: { channel: 'social', page: '/' }, timestamp: 1 };
const json = { 'content-type': 'application/json' };

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

const deep = { channel: 'social', page: '/', x: { a: { b: { c: { d: { e: { f: 1 } } } } } } };
const badRequests: [string, string | Buffer, Record<string, string>, number][] = [
  ['truncated JSON', '{"events":[{"name":"visit"', json, 400],
  ['a JSON string', '"events"', json, 400],
  ['an array body', '[{"name":"visit"}]', json, 400],
  ['an unknown top-level field', JSON.stringify({ events: [visit], extra: 1 }), json, 400],
  ['an unknown event field', JSON.stringify({ events: [{ ...visit, ip: '1.2.3.4' }] }), json, 400],
  ['a number as name', JSON.stringify({ events: [{ name: 7 }] }), json, 400],
  ['a long name', JSON.stringify({ events: [{ name: 'v'.repeat(65) }] }), json, 400],
  ['an empty id', JSON.stringify({ events: [{ ...visit, id: '' }] }), json, 400],
  ['a long id', JSON.stringify({ events: [{ ...visit, id: 'i'.repeat(129) }] }), json, 400],
  ['a numeric id', JSON.stringify({ events: [{ ...visit, id: 5 }] }), json, 400],
  ['a negative timestamp', JSON.stringify({ events: [{ ...visit, timestamp: -1 }] }), json, 400],
  ['a string timestamp', JSON.stringify({ events: [{ ...visit, timestamp: 'now' }] }), json, 400],
  [
    'properties as an array',
    JSON.stringify({ events: [{ name: 'visit', properties: [] }] }),
    json,
    400,
  ],
  [
    'a __proto__ key',
    '{"events":[{"name":"visit","properties":{"channel":"social","__proto__":{"x":1}}}]}',
    json,
    400,
  ],
  [
    'a constructor key',
    '{"events":[{"name":"visit","properties":{"constructor":{"prototype":{}}}}]}',
    json,
    400,
  ],
  ['deep nesting', JSON.stringify({ events: [{ name: 'visit', properties: deep }] }), json, 400],
  [
    'an invalid channel',
    JSON.stringify({ events: [{ name: 'visit', properties: { channel: 'x\r\ny' } }] }),
    json,
    400,
  ],
  [
    'a page with control characters',
    JSON.stringify({
      events: [{ name: 'visit', properties: { channel: 'social', page: 'no-slash\u0000' } }],
    }),
    json,
    400,
  ],
  [
    'a server-only event',
    JSON.stringify({ events: [{ name: 'lead', properties: { leadId: 'x', source: 'email' } }] }),
    json,
    400,
  ],
  ['NaN as text', '{"events":[{"name":"visit","timestamp":NaN}]}', json, 400],
  ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), json, 400],
  ['a form body', 'events=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ['no content type', Buffer.from(JSON.stringify({ events: [visit] })), {}, 415],
  [
    'a gzip body',
    JSON.stringify({ events: [visit] }),
    { ...json, 'content-encoding': 'gzip' },
    415,
  ],
  ['a huge array', JSON.stringify({ events: Array(5000).fill(0) }), json, 400],
  ['a body over 64 KB', JSON.stringify({ events: [visit], pad: 'é'.repeat(40_000) }), json, 413],
];

describe.each(expressVersions)('ingest hardening on %s', (_name, express) => {
  it.each(badRequests)(
    'answers %s with a JSON 4xx and records nothing',
    async (_case, body, headers, status) => {
      app = await startApp(express);

      const response = await post(body, headers);
      const answer = (await response.json()) as { error: string };

      expect(response.status).toBe(status);
      expect(answer.error.length).toBeGreaterThan(10);
      expect(await businessTotal()).toBe(0);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

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
