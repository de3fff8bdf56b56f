import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertNotification, createAlertmanagerReceiver } from '../src';

const forwarded: AlertNotification[] = [];
let failNext = false;
const handler = createAlertmanagerReceiver({
  forward(notification) {
    if (failNext) {
      failNext = false;
      throw new Error('downstream is down');
    }
    forwarded.push(notification);
  },
  maxBodyBytes: 10_000,
});
const server = createServer((request, response) => void handler(request, response));
let url = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const payload = (status: 'firing' | 'resolved', fingerprint = 'abc') => ({
  version: '4',
  groupKey: '{}:{alertname="SlowApi"}',
  truncatedAlerts: 0,
  status,
  receiver: 'hook',
  groupLabels: { alertname: 'SlowApi' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://127.0.0.1:9093',
  alerts: [
    {
      status,
      labels: { alertname: 'SlowApi' },
      annotations: {},
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-01-01T00:05:00Z',
      generatorURL: '',
      fingerprint,
    },
  ],
});

const post = (body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('createAlertmanagerReceiver', () => {
  it('forwards a repeated notification once', async () => {
    forwarded.length = 0;

    const first = await post(payload('firing'));
    const second = await post(payload('firing'));

    expect(first.status).toBe(200);
    expect(await second.json()).toEqual({ status: 'duplicate' });
    expect(forwarded).toHaveLength(1);
  });

  it('forwards the resolve of a forwarded alert', async () => {
    forwarded.length = 0;
    await post(payload('firing', 'def'));

    await post(payload('resolved', 'def'));

    expect(forwarded.map((notification) => notification.status)).toEqual(['firing', 'resolved']);
  });

  it('answers 502 and forwards the retry when forwarding fails', async () => {
    forwarded.length = 0;
    failNext = true;

    const failed = await post(payload('firing', 'ghi'));
    const retried = await post(payload('firing', 'ghi'));

    expect(failed.status).toBe(502);
    expect(retried.status).toBe(200);
    expect(forwarded).toHaveLength(1);
  });

  it('rejects invalid JSON, large bodies and other methods', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ groupKey: 'x' })).status).toBe(400);
    expect((await post({ ...payload('firing'), pad: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
  });
});
