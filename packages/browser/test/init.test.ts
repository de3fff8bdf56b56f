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

function start(options?: BrowserOptions): BrowserMonitor {
  const monitor = initMonitor(options);
  opened.push(monitor);
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
  it('returns the open monitor on a second call', () => {
    const warn = silenceWarnings();
    stubNetwork();

    const first = start();
    const second = start({ maxBatchSize: 5 });
    const third = start();

    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('initMonitor() was called');
  });

  it('starts a new monitor after close', async () => {
    stubNetwork();
    const first = start();

    await first.close();
    const second = start();

    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
  });

  it('starts a new monitor while the old one is closing', () => {
    stubNetwork();
    const first = start();

    void first.close();
    const second = start();

    expect(second).not.toBe(first);
  });

  it('adds no listener at module load', async () => {
    const addWindowListener = vi.spyOn(window, 'addEventListener');
    const addDocumentListener = vi.spyOn(document, 'addEventListener');
    vi.resetModules();

    const fresh = await import('../src/index');

    expect(typeof fresh.initMonitor).toBe('function');
    expect(addWindowListener).not.toHaveBeenCalled();
    expect(addDocumentListener).not.toHaveBeenCalled();
  });

  it('stores the app context for sinks', () => {
    stubNetwork();
    const handleScope = vi.fn<NonNullable<Sink['handleScope']>>();

    start({
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

  it('sends accepted events to extra sinks', () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const monitor = start({ sinks: [{ name: 'spy', handleEvent }] });

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

  it('returns the open monitor after init', () => {
    stubNetwork();
    const monitor = start();

    expect(getMonitor()).toBe(monitor);
  });

  it('returns a no-op monitor after close', async () => {
    stubNetwork();
    const monitor = start();

    await monitor.close();

    expect(getMonitor()).not.toBe(monitor);
    expect(() => getMonitor().captureError(new Error('late'))).not.toThrow();
  });
});

describe('production mode', () => {
  it('drops invalid events without throwing', () => {
    stubNetwork();
    const monitor = start({ mode: 'production' });
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

    const monitor = start({ maxBatchSize: 0, flushIntervalMillis: Number.NaN, endpoint: '' });
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

    const monitor = start(options);
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
    const monitor = start();

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
  it('throws on an invalid event', () => {
    silenceWarnings();
    stubNetwork();
    const monitor = start({ mode: 'development' });
    const untyped = monitor as unknown as { track(name: string, properties: unknown): void };

    expect(() => untyped.track('visit', { channel: 'carrier-pigeon' })).toThrow(MonitorError);
    expect(() => untyped.track('no_such_event', {})).toThrow(MonitorError);
  });

  it('throws on an invalid option', () => {
    stubNetwork();

    expect(() => start({ mode: 'development', maxBatchSize: 500 })).toThrow(
      /Invalid maxBatchSize 500: use an integer from 1 to 100/,
    );
    expect(() => start({ mode: 'development', maxRequestBytes: 65_536 })).toThrow(MonitorError);
    const badConsent = { mode: 'development', consent: 'yes' } as unknown as BrowserOptions;
    expect(() => start(badConsent)).toThrow(
      /Invalid consent "yes": use granted, denied or pending/,
    );
  });
});
