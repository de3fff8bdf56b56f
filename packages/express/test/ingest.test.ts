import { afterEach, describe, expect, it } from 'vitest';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

interface IngestError {
  error: string;
  rejected: { index: number; reason: string; message: string }[];
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const visit = { name: 'visit', properties: { channel: 'social', page: '/' }, timestamp: 1 };
const share = { name: 'share', properties: { platform: 'link' } };

function post(body: string, contentType = 'application/json') {
  return fetch(`${app?.url}/monitor/ingest`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

async function metricsText(): Promise<string> {
  return (await fetch(`${app?.url}/metrics`)).text();
}

describe.each(expressVersions)('ingest endpoint on %s', (_name, express) => {
  it('counts a JSON batch', async () => {
    app = await startApp(express);

    const response = await post(JSON.stringify({ events: [visit, visit, share] }));
    const text = await metricsText();

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0 });
    expect(text).toContain('foursite_visits_total{channel="social"} 2');
    expect(text).toContain('foursite_shares_total{platform="link"} 1');
  });

  it('counts a text/plain beacon body', async () => {
    app = await startApp(express);

    const response = await post(JSON.stringify({ events: [visit] }), 'text/plain;charset=UTF-8');

    expect(response.status).toBe(202);
    expect(await metricsText()).toContain('foursite_visits_total{channel="social"} 1');
  });

  it('reads a body that express.json() parsed first', async () => {
    app = await startApp(express, { jsonParser: true });

    const response = await post(JSON.stringify({ events: [share] }));

    expect(response.status).toBe(202);
    expect(await metricsText()).toContain('foursite_shares_total{platform="link"} 1');
  });

  it('reads a beacon that express.json() skipped', async () => {
    app = await startApp(express, { jsonParser: true });

    const response = await post(JSON.stringify({ events: [share] }), 'text/plain;charset=UTF-8');

    expect(response.status).toBe(202);
    expect(await metricsText()).toContain('foursite_shares_total{platform="link"} 1');
  });

  it('rejects a batch with one invalid event and counts none', async () => {
    app = await startApp(express);
    const bad = { name: 'visit', properties: { channel: 'tiktok' } };

    const response = await post(JSON.stringify({ events: [visit, bad] }));
    const body = (await response.json()) as IngestError;

    expect(response.status).toBe(400);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ index: 1, reason: 'invalid' });
    expect(body.rejected[0]?.message).toContain('channel');
    expect(await metricsText()).toContain('foursite_visits_total{channel="social"} 0');
  });

  it('rejects server-only events from browsers', async () => {
    app = await startApp(express);
    const referral = { name: 'referral', properties: { referralId: 'forged' } };

    const response = await post(JSON.stringify({ events: [referral] }));
    const body = (await response.json()) as IngestError;

    expect(response.status).toBe(400);
    expect(body.rejected[0]).toMatchObject({ reason: 'forbidden' });
    expect(await metricsText()).toContain('foursite_referrals_total 0');
  });

  it('rejects unknown and nameless events', async () => {
    app = await startApp(express);

    const unknown = await post(JSON.stringify({ events: [{ name: 'toString' }] }));
    const nameless = await post(JSON.stringify({ events: [visit, {}] }));

    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as IngestError).rejected[0]?.reason).toBe('unknown_event');
    expect(((await nameless.json()) as IngestError).rejected).toEqual([
      { index: 1, reason: 'malformed', message: expect.stringContaining('"name"') },
    ]);
  });
});
