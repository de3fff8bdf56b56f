import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BrowserMonitor,
  type BrowserOptions,
  getMonitor,
  initMonitor,
  MonitorError,
  type Sink,
  trackShare,
  trackVisit,
} from '../src/index';
import { stubNetwork } from './network';

const opened: BrowserMonitor[] = [];

async function start(options?: BrowserOptions): Promise<BrowserMonitor> {
  const monitor = initMonitor(options);
  opened.push(monitor);
  // The monitor's code loads by a dynamic import; the tests check what it does once loaded.
  await monitor.ready;
  return monitor;
}

function silenceWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}

afterEach(async () => {
  for (const monitor of opened.splice(0)) await monitor.close(100);
  localStorage.clear();
  sessionStorage.clear();
});

describe('initMonitor', () => {
  it('returns the open monitor on a second call', async () => {
    const warn = silenceWarnings();
    stubNetwork();

    const first = await start();
    const second = await start({ maxBatchSize: 5 });
    const third = await start();

    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('initMonitor() was called');
  });

  it('starts a new monitor after close', async () => {
    stubNetwork();
    const first = await start();

    await first.close();
    const second = await start();

    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
  });

  it('starts a new monitor while the old one is closing', async () => {
    stubNetwork();
    const first = await start();

    void first.close();
    const second = await start();

    expect(second).not.toBe(first);
  });

  it('stores the app context for sinks', async () => {
    stubNetwork();
    const handleScope = vi.fn<NonNullable<Sink['handleScope']>>();

    await start({
      service: 'web',
      environment: 'staging',
      release: '1.2.3',
      sinks: [{ name: 'spy', handleScope }],
    });

    const scope = handleScope.mock.calls.at(-1)?.[0];
    expect(scope?.contexts.app).toEqual({
      service: 'web',
      environment: 'staging',
      release: '1.2.3',
    });
  });

  it('sends accepted events to extra sinks', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const monitor = await start({ sinks: [{ name: 'spy', handleEvent }] });

    trackShare(monitor, { platform: 'link' });

    expect(handleEvent).toHaveBeenCalledTimes(1);
    expect(handleEvent.mock.calls[0]?.[0].labels).toEqual({ platform: 'link' });
  });
});

describe('getMonitor', () => {
  it('returns a no-op monitor before init', async () => {
    const network = stubNetwork();
    const monitor = getMonitor();

    expect(() => trackVisit(monitor, { channel: 'direct' })).not.toThrow();
    expect(await monitor.flush()).toBe(true);
    expect(network.fetch).not.toHaveBeenCalled();
  });

  it('returns the open monitor after init', async () => {
    stubNetwork();
    const monitor = await start();

    expect(getMonitor()).toBe(monitor);
  });

  it('returns a no-op monitor after close', async () => {
    stubNetwork();
    const monitor = await start();

    await monitor.close();

    expect(getMonitor()).not.toBe(monitor);
    expect(() => getMonitor().captureError(new Error('late'))).not.toThrow();
  });
});

describe('production mode', () => {
  it('drops invalid events without throwing', async () => {
    stubNetwork();
    const monitor = await start({ mode: 'production' });
    const untyped = monitor as unknown as { track(name: string, properties: unknown): void };

    expect(() => untyped.track('visit', { channel: 'carrier-pigeon' })).not.toThrow();
    expect(() => untyped.track('visit', null)).not.toThrow();
    expect(() => untyped.track('no_such_event', {})).not.toThrow();
    expect(monitor.stats().dropped.invalid).toBe(2);
    expect(monitor.stats().dropped.unknown_event).toBe(1);
  });

  it('uses defaults for invalid options', async () => {
    const warn = silenceWarnings();
    const network = stubNetwork();

    const monitor = await start({ maxBatchSize: 0, flushIntervalMillis: Number.NaN, endpoint: '' });
    trackVisit(monitor, { channel: 'direct' });
    await monitor.flush();

    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.some((message) => message.includes('Invalid maxBatchSize 0'))).toBe(true);
    expect(messages.some((message) => message.includes('Invalid flushIntervalMillis'))).toBe(true);
    expect(messages.some((message) => message.includes('Invalid endpoint'))).toBe(true);
    expect(network.posts()[0]?.url).toBe('/monitor/ingest');
  });

  it('runs an unknown mode as production and holds events on bad consent', async () => {
    const warn = silenceWarnings();
    const network = stubNetwork();
    const options = { mode: 'dev', consent: 'yes' } as unknown as BrowserOptions;

    const monitor = await start(options);
    const untyped = monitor as unknown as { track(name: string, properties: unknown): void };
    untyped.track('visit', { channel: 'carrier-pigeon' });
    trackVisit(monitor, { channel: 'direct' });
    await monitor.flush();

    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.some((message) => message.includes('Invalid mode "dev"'))).toBe(true);
    expect(messages.some((message) => message.includes('Invalid consent "yes"'))).toBe(true);
    expect(monitor.stats().dropped.consent).toBe(2);
    expect(network.posts()).toHaveLength(0);
  });

  it('ignores calls after close', async () => {
    const network = stubNetwork();
    const monitor = await start();

    await monitor.close();
    network.fetch.mockClear();

    expect(() => trackVisit(monitor, { channel: 'direct' })).not.toThrow();
    expect(() => monitor.identify({ id: 'user-1' })).not.toThrow();
    expect(await monitor.flush()).toBe(true);
    expect(await monitor.close()).toBe(true);
    expect(monitor.stats().dropped.closed).toBe(1);
    expect(network.fetch).not.toHaveBeenCalled();
  });
});

describe('development mode', () => {
  it('throws on an invalid event', async () => {
    silenceWarnings();
    stubNetwork();
    const monitor = await start({ mode: 'development' });
    const untyped = monitor as unknown as { track(name: string, properties: unknown): void };

    expect(() => untyped.track('visit', { channel: 'carrier-pigeon' })).toThrow(MonitorError);
    expect(() => untyped.track('no_such_event', {})).toThrow(MonitorError);
  });

  it('throws on an invalid option', () => {
    stubNetwork();

    expect(() => initMonitor({ mode: 'development', maxBatchSize: 500 })).toThrow(
      /Invalid maxBatchSize 500: use an integer from 1 to 100/,
    );
    expect(() => initMonitor({ mode: 'development', maxRequestBytes: 65_536 })).toThrow(
      MonitorError,
    );
    const badConsent = { mode: 'development', consent: 'yes' } as unknown as BrowserOptions;
    expect(() => initMonitor(badConsent)).toThrow(
      /Invalid consent "yes": use granted, denied or pending/,
    );
  });
});
