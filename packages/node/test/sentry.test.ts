import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackVisit } from '@4site/monitor-business';
import { MonitorError } from '@4site/monitor-core';
import type * as SentryNode from '@sentry/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeMonitor, type NodeMonitor } from '../src';
import { loadOptional } from '../src/vendors/load-optional';
import { scrubUrl } from '../src/vendors/scrub-event';
import { type SentryReceiver, startSentryReceiver } from './support/sentry-receiver';

let receiver: SentryReceiver;
let monitor: NodeMonitor | undefined;

beforeAll(async () => {
  receiver = await startSentryReceiver();
});

afterAll(async () => {
  await receiver.close();
});

afterEach(async () => {
  await monitor?.close();
  monitor = undefined;
  receiver.items.length = 0;
  receiver.raw.length = 0;
});

function start(sentry: Record<string, unknown> = {}) {
  monitor = createNodeMonitor({
    release: '4site-api@1.2.3',
    environment: 'test',
    prometheus: { defaultMetrics: false },
    sentry: { dsn: receiver.dsn, ...sentry },
  });
  return monitor;
}

describe('Sentry error capture', () => {
  it('sends one event with the route as transaction name', async () => {
    const m = start();

    m.captureError(new Error('generation failed'), { method: 'GET', route: '/sites/:id' });
    await m.flush(2000);
    const events = receiver.events();

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      transaction: 'GET /sites/:id',
      release: '4site-api@1.2.3',
      environment: 'test',
      tags: { route: '/sites/:id', service: '4site-api' },
    });
    expect(JSON.stringify(events[0]?.exception)).toContain('generation failed');
  });

  it('keeps breadcrumbs and request data per request', async () => {
    const m = start();
    const headers = { cookie: 'session=s3cret', authorization: 'Bearer t0ken', 'user-agent': 'ua' };

    await Promise.all([
      m.withRequest({ method: 'GET', url: '/a?token=abc&page=2', headers }, async () => {
        trackVisit(m, { channel: 'social' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        m.captureError(new Error('in request a'));
      }),
      m.withRequest({ method: 'GET', url: '/b', headers }, async () => {
        trackVisit(m, { channel: 'paid' });
      }),
    ]);
    await m.flush(2000);
    const [event] = receiver.events();
    const crumbs = (event?.breadcrumbs as { message?: string; data?: object }[]) ?? [];

    expect(crumbs.filter((crumb) => crumb.message === 'visit').map((crumb) => crumb.data)).toEqual([
      { channel: 'social' },
    ]);
    expect(event?.request).toMatchObject({
      method: 'GET',
      url: '/a',
      query_string: 'token=[Filtered]&page=2',
      headers: { 'user-agent': 'ua' },
    });
    expect(receiver.raw.join('\n')).not.toMatch(/s3cret|t0ken|abc&/);
  });

  it('keeps the newest breadcrumbs of a request up to maxBreadcrumbs', async () => {
    const m = start({ maxBreadcrumbs: 3 });
    const channels = ['social', 'paid', 'email', 'direct', 'referral'] as const;
    await m.withRequest({ method: 'GET', url: '/c', headers: {} }, async () => {
      for (const channel of channels) trackVisit(m, { channel });
      m.captureError(new Error('after five visits'));
    });
    await m.flush(2000);
    const crumbs = (receiver.events()[0]?.breadcrumbs as { data?: object }[]) ?? [];

    expect(crumbs.map((crumb) => crumb.data)).toEqual([
      { channel: 'email' },
      { channel: 'direct' },
      { channel: 'referral' },
    ]);
  });

  it('keeps breadcrumbs from outside any request for later errors', async () => {
    const m = start();
    trackVisit(m, { channel: 'social' });
    m.captureError(new Error('outside a request'));
    await m.flush(2000);
    const crumbs = (receiver.events()[0]?.breadcrumbs as { data?: object }[]) ?? [];

    expect(crumbs.map((crumb) => crumb.data)).toContainEqual({ channel: 'social' });
  });

  it('scrubs e-mails, users and contexts before sending', async () => {
    const m = start();
    m.identify({ id: 'u-1' });
    m.setContext('lead', { email: 'ada@company.io', plan: 'pro' });

    m.captureError(new Error('lead ada@company.io failed'), { password: 'hunter2' });
    await m.flush(2000);
    const raw = receiver.raw.join('\n');

    expect(receiver.events()[0]?.user).toEqual({ id: 'u-1' });
    expect(raw).not.toContain('ada@company.io');
    expect(raw).not.toContain('hunter2');
    expect(raw).toContain('[Filtered]');
  });

  it('masks an e-mail user id', async () => {
    const m = start();
    m.identify({ id: 'bob.planted@example.com' });

    m.captureError(new Error('user with an e-mail id'));
    await m.flush(2000);

    expect(receiver.events()[0]?.user).toEqual({ id: '[Filtered]' });
    expect(receiver.raw.join('\n')).not.toContain('bob.planted');
  });

  it('masks session keys and cookie strings in console breadcrumbs', async () => {
    const m = start();
    // biome-ignore lint/suspicious/noConsole: an app's console call creates the breadcrumb.
    console.log('headers', { 'x-session-id': 'XSESSSECRET2', accept: 'text/html' });
    // biome-ignore lint/suspicious/noConsole: an app's console call creates the breadcrumb.
    console.log('raw cookie theme=dark; connect.sid=s%3ACONNSECRET3');

    m.captureError(new Error('after console logs'));
    await m.flush(2000);
    const raw = receiver.raw.join('\n');
    const crumbs = (receiver.events()[0]?.breadcrumbs as { category?: string }[]) ?? [];

    expect(crumbs.filter((crumb) => crumb.category === 'console')).toHaveLength(2);
    expect(raw).toContain('text/html');
    expect(raw).not.toContain('XSESSSECRET2');
    expect(raw).not.toContain('CONNSECRET3');
  });

  it('runs the app hook after the SDK scrubbing', async () => {
    const m = start({
      beforeSend: (event: Record<string, unknown>) =>
        String(JSON.stringify(event)).includes('drop me')
          ? null
          : { ...event, tags: { hooked: 'yes' } },
    });

    m.captureError(new Error('drop me'));
    m.captureError(new Error('keep me'));
    await m.flush(2000);

    expect(receiver.events()).toHaveLength(1);
    expect(receiver.events()[0]?.tags).toEqual({ hooked: 'yes' });
  });

  it('leaves channel injection off without tracing', () => {
    start();
    const Sentry = loadOptional<typeof SentryNode>('@sentry/node', '>=11.12.0 <12', 'sentry');
    const options = Sentry.getClient()?.getOptions() as Record<string, unknown> | undefined;

    expect(options?.enableRuntimeChannelInjection).toBe(false);
  });

  it('closes twice without throwing', async () => {
    const m = start();
    m.captureError(new Error('before close'));

    const first = await m.close(2000);
    const second = await m.close(2000);
    m.captureError(new Error('after close'));

    expect(first).toBe(true);
    expect(second).toBe(true);
    expect(receiver.events()).toHaveLength(1);
  });
});

describe('close with a hanging intake', () => {
  it('resolves false within its timeout', async () => {
    const hanging = createServer(() => {});
    hanging.listen(0, '127.0.0.1');
    await once(hanging, 'listening');
    const { port } = hanging.address() as AddressInfo;
    const m = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: `http://publickey@127.0.0.1:${port}/1` },
    });
    m.captureError(new Error('never delivered'));

    const started = performance.now();
    const flushed = await m.close(300);
    const millis = performance.now() - started;
    hanging.closeAllConnections();
    hanging.close();

    expect(flushed).toBe(false);
    expect(millis).toBeLessThan(3000);
  });
});

describe('optional vendors', () => {
  it('names the package to install when it is missing', () => {
    const load = () => loadOptional('@4site/no-such-vendor', '^1.0.0', 'vendor');

    expect(load).toThrow(MonitorError);
    expect(load).toThrow('npm install @4site/no-such-vendor@"^1.0.0"');
  });

  it('scrubs secret query parameters from URLs', () => {
    expect(scrubUrl('/r?access_token=x&ref=abc&email=a%40b.io&q=ada@b.io')).toBe(
      '/r?access_token=[Filtered]&ref=abc&email=[Filtered]&q=[Filtered]',
    );
  });
});
