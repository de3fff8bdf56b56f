import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { readConfig } from '../src/config';

let server: Server | undefined;
let monitor: NodeMonitor | undefined;

afterEach(async () => {
  server?.close();
  await monitor?.close();
});

async function start(failureRate = '0') {
  const config = readConfig([], { GENERATION_DELAY_MS: '0', GENERATION_FAILURE_RATE: failureRate });
  monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
  server = createApp(monitor, config).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(url: string, body: unknown) {
  const headers = { 'content-type': 'application/json' };
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

const repoUrl = 'https://github.com/4site/demo';

describe('example API', () => {
  it('counts a referral once per visitor and link', async () => {
    const base = await start();
    const first = await post(`${base}/api/sites`, { repoUrl, visitorId: 'owner-0001' });
    const { shareUrl } = (await first.json()) as { shareUrl: string };
    const ref = shareUrl.split('ref=')[1];

    await post(`${base}/api/sites`, { repoUrl, ref, visitorId: 'friend-0001' });
    await post(`${base}/api/sites`, { repoUrl, ref, visitorId: 'friend-0001' });
    await post(`${base}/api/sites`, { repoUrl, ref, visitorId: 'owner-0001' });
    const text = await (await fetch(`${base}/metrics`)).text();

    expect(first.status).toBe(201);
    expect(shareUrl).toMatch(/^\/\?ref=[a-z0-9]{8}$/);
    expect(text).toContain('foursite_referrals_total 1');
    expect(text).toContain('foursite_site_generations_total{outcome="success"} 4');
  });

  it('answers 502 and counts a failure when the AI fails', async () => {
    const base = await start('1');

    const response = await post(`${base}/api/sites`, { repoUrl });
    const text = await (await fetch(`${base}/metrics`)).text();

    expect(response.status).toBe(502);
    expect(text).toContain('foursite_site_generations_total{outcome="failure"} 1');
  });

  it('rejects a repository URL outside GitHub', async () => {
    const base = await start();

    const response = await post(`${base}/api/sites`, { repoUrl: 'https://example.com/x' });

    expect(response.status).toBe(400);
  });

  it('counts a lead without exporting its e-mail', async () => {
    const base = await start();

    const response = await post(`${base}/api/leads`, {
      leadId: 'lead-1',
      email: 'ada@company.io',
      source: 'social',
    });
    const text = await (await fetch(`${base}/metrics`)).text();

    expect(response.status).toBe(201);
    expect(text).toContain('foursite_leads_total{source="social"} 1');
    expect(text).toMatch(/^foursite_lead_score_count(\{[^}]*\})? 1$/m);
    expect(text).not.toContain('ada@company.io');
  });

  it('rejects a lead with an invalid e-mail', async () => {
    const base = await start();

    const response = await post(`${base}/api/leads`, { email: 'not-an-address' });

    expect(response.status).toBe(400);
  });

  it('labels API requests with route templates', async () => {
    const base = await start();

    await fetch(`${base}/api/sites/abc`);
    const text = await (await fetch(`${base}/metrics`)).text();

    expect(text).toMatch(/route="\/api\/sites\/:id",status_code="404"\} 1/);
  });
});

describe('example API errors', () => {
  it('answers malformed JSON with a JSON 400', async () => {
    const base = await start();

    const response = await fetch(`${base}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    const body = await response.text();

    expect(response.status).toBe(400);
    expect(JSON.parse(body)).toEqual({
      error: 'Invalid request: check the URL and the JSON body.',
    });
    expect(body).not.toContain('at ');
  });
});

describe('readConfig', () => {
  it('names the --port value that is invalid', () => {
    expect(() => readConfig(['--port', 'abc'], { PORT: '5000' })).toThrow(/--port "abc"/);
  });

  it('rejects a blank PORT', () => {
    expect(() => readConfig([], { PORT: ' ' })).toThrow(/PORT " "/);
  });

  it('rejects a failure rate above 1', () => {
    expect(() => readConfig([], { GENERATION_FAILURE_RATE: '5' })).toThrow(
      /GENERATION_FAILURE_RATE "5"/,
    );
  });

  it('reads --port and --simulate', () => {
    const config = readConfig(['--port', '4000', '--simulate'], {});

    expect(config.port).toBe(4000);
    expect(config.simulate).toBe(true);
  });
});
