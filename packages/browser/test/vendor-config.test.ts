import { datadogRum } from '@datadog/browser-rum';
import * as Sentry from '@sentry/browser';
import { afterAll, describe, expect, it } from 'vitest';
import { type BrowserMonitor, initMonitor } from '../src/index';

// Both SDKs keep global state, so one monitor serves every test of this file. Every address
// is on 127.0.0.1, and nothing listens on the discard port 9.
const API = 'http://127.0.0.1:9/api';
let monitor: BrowserMonitor | undefined;

function start(): BrowserMonitor {
  monitor ??= initMonitor({
    release: '1.2.3',
    environment: 'test',
    apiOrigins: [API, /^\/api\//],
    proxy: 'http://127.0.0.1:9/vendors/',
    consent: 'pending',
    webVitals: false,
    sentry: { dsn: 'http://publickey@127.0.0.1:9/1' },
    datadog: { applicationId: 'app', clientToken: 'pub', trackResources: false },
  });
  return monitor;
}

afterAll(async () => {
  await monitor?.close(100);
});

describe('vendor configuration', () => {
  it('loads both vendors', async () => {
    expect(await start().vendors).toEqual({ sentry: 'ready', datadog: 'ready' });
  });

  it('passes the API origins to both vendors', async () => {
    await start().vendors;

    expect(Sentry.getClient()?.getOptions().tracePropagationTargets).toEqual([API, /^\/api\//]);
    expect(datadogRum.getInitConfiguration()?.allowedTracingUrls).toEqual([API, /^\/api\//]);
  });

  it('derives both proxy paths from one option', async () => {
    await start().vendors;

    expect(Sentry.getClient()?.getOptions().tunnel).toBe('http://127.0.0.1:9/vendors/sentry');
    expect(datadogRum.getInitConfiguration()?.proxy).toBe('http://127.0.0.1:9/vendors/datadog');
  });

  it('passes release and environment to both vendors', async () => {
    await start().vendors;

    expect(Sentry.getClient()?.getOptions().release).toBe('1.2.3');
    expect(Sentry.getClient()?.getOptions().environment).toBe('test');
    expect(datadogRum.getInitConfiguration()?.version).toBe('1.2.3');
    expect(datadogRum.getInitConfiguration()?.env).toBe('test');
  });

  it('sets the user in both vendors', async () => {
    const target = start();
    await target.vendors;

    target.identify({ id: 'user-1', plan: 'pro' });

    expect(Sentry.getIsolationScope().getUser()).toEqual({ id: 'user-1', plan: 'pro' });
    expect(datadogRum.getUser()).toEqual({ id: 'user-1', plan: 'pro' });
  });

  it('drops Sentry events until consent', async () => {
    const target = start();
    await target.vendors;
    const beforeSend = Sentry.getClient()?.getOptions().beforeSend;

    const pending = await beforeSend?.({ message: 'x', type: undefined }, {});
    target.setConsent('granted');
    const granted = await beforeSend?.({ message: 'x', type: undefined }, {});

    expect(pending).toBeNull();
    expect(granted).toEqual({ message: 'x', type: undefined });
  });

  it('starts each vendor once on a second init', async () => {
    const first = start();
    await first.vendors;
    const client = Sentry.getClient();

    const second = initMonitor({ sentry: { dsn: 'http://other@127.0.0.1:9/2' } });

    expect(second).toBe(first);
    expect(Sentry.getClient()).toBe(client);
  });
});
