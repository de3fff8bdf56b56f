import type { Sink } from '@4site/monitor-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLandingPage } from '../src/attribution/landing-page';
import { EARLY_KEY_PREFIX, MAX_EARLY_CALLS } from '../src/early-calls';
import { createEarlyMonitor } from '../src/early-monitor';
import {
  type BrowserOptions,
  initMonitor,
  MonitorError,
  trackLead,
  trackVisit,
} from '../src/index';
import type { BrowserMonitor } from '../src/init';
import { stubNetwork } from './network';

const opened: BrowserMonitor[] = [];

function open(options: BrowserOptions = {}): BrowserMonitor {
  const monitor = initMonitor({ webVitals: false, ...options });
  opened.push(monitor);
  return monitor;
}

// A monitor whose code fails to load, as when a deploy removed the chunk that the page requests.
function failingMonitor(options: BrowserOptions = {}) {
  const chunkMissing = new TypeError('Failed to fetch dynamically imported module');
  return createEarlyMonitor(
    options,
    readLandingPage(),
    () => Promise.reject(chunkMissing),
    () => {},
  );
}

function storedEarlyEvents(): { name: string; properties: unknown }[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith(EARLY_KEY_PREFIX))
    .flatMap((key) => JSON.parse(localStorage.getItem(key) ?? '[]'));
}

afterEach(async () => {
  for (const monitor of opened.splice(0)) await monitor.close(100);
  localStorage.clear();
  sessionStorage.clear();
});

describe('calls before the code loads', () => {
  it('run in order after loading', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const monitor = open({ consent: 'pending', sinks: [{ name: 'spy', handleEvent }] });

    trackVisit(monitor, { channel: 'paid' });
    monitor.setConsent('granted');
    trackLead(monitor, { leadId: 'l-1', source: 'organic' });
    expect(handleEvent).not.toHaveBeenCalled();

    expect(await monitor.ready).toBe(true);
    expect(handleEvent.mock.calls.map(([event]) => event.name)).toEqual(['lead']);
    expect(monitor.stats()).toMatchObject({ accepted: 1, dropped: { consent: 1 } });
  });

  it('keep properties as passed', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const monitor = open({ sinks: [{ name: 'spy', handleEvent }] });
    const properties: { channel: 'paid' | 'social' } = { channel: 'paid' };

    trackVisit(monitor, properties);
    properties.channel = 'social';
    await monitor.ready;

    expect(handleEvent.mock.calls[0]?.[0].labels).toEqual({ channel: 'paid' });
  });

  it('count calls past the cap', async () => {
    stubNetwork();
    const monitor = open({ maxQueueSize: 10_000 });

    for (let i = 0; i < MAX_EARLY_CALLS + 25; i++) trackVisit(monitor, { channel: 'direct' });
    await monitor.ready;

    expect(monitor.stats().accepted).toBe(MAX_EARLY_CALLS);
    expect(monitor.stats().dropped.queue_full).toBe(25);
  });

  it('report invalid events as uncaught', async () => {
    stubNetwork();
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const monitor = open({ mode: 'development' });

    expect(() => monitor.track('visit', { channel: 'pigeon' } as never)).not.toThrow();
    await monitor.ready;

    expect(reportError).toHaveBeenCalledTimes(1);
    expect(reportError.mock.calls[0]?.[0]).toBeInstanceOf(Error);
    expect(String(reportError.mock.calls[0]?.[0])).toMatch(/Invalid "visit" event/);
  });

  it('log invalid events where reportError is missing', async () => {
    stubNetwork();
    vi.stubGlobal('reportError', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const monitor = open({ mode: 'development' });

    monitor.track('visit', { channel: 'pigeon' } as never);
    await monitor.ready;

    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.some((message) => message.includes('Invalid "visit" event'))).toBe(true);
  });

  it('are sent by an early close', async () => {
    const network = stubNetwork();
    const monitor = initMonitor({ webVitals: false });

    trackVisit(monitor, { channel: 'email' });
    const closing = monitor.close(1000);

    expect(monitor.closed).toBe(true);
    expect(await closing).toBe(true);
    expect(network.posts().flatMap((post) => post.events.map((event) => event.name))).toEqual([
      'visit',
    ]);
  });
});

describe('a page left before the code loads', () => {
  it('stores the events that consent allowed', () => {
    const monitor = failingMonitor({ consent: 'pending' });

    trackVisit(monitor, { channel: 'direct' });
    monitor.setConsent('granted');
    trackVisit(monitor, { channel: 'paid' });
    window.dispatchEvent(new Event('pagehide'));

    expect(storedEarlyEvents().map((event) => event.properties)).toEqual([{ channel: 'paid' }]);
  });

  it('has its stored events sent by the next page once', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    let fail: (error: Error) => void = () => {};
    const loading = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    const left = createEarlyMonitor(
      {},
      readLandingPage(),
      () => loading,
      () => {},
    );
    trackVisit(left, { channel: 'email' });
    window.dispatchEvent(new Event('pagehide'));

    const next = open({ sinks: [{ name: 'spy', handleEvent }] });
    await next.ready;
    await next.close(100);
    const again = open({ sinks: [{ name: 'spy', handleEvent }] });
    await again.ready;

    // The left page's code then fails to load: it must not store its events again.
    fail(new Error('chunk gone'));
    expect(await left.ready).toBe(false);

    expect(handleEvent.mock.calls.map(([event]) => event.labels)).toEqual([{ channel: 'email' }]);
    expect(storedEarlyEvents()).toEqual([]);
  });

  it('sends its events itself when it comes back first', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    let finish: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const monitor = initMonitor({ webVitals: false, sinks: [{ name: 'spy', handleEvent }] });
    opened.push(monitor);
    // The page goes to the back-forward cache and returns before its code has loaded.
    trackVisit(monitor, { channel: 'social' });
    window.dispatchEvent(new Event('pagehide'));
    expect(storedEarlyEvents()).toHaveLength(1);
    finish();
    await gate;
    await monitor.ready;

    expect(handleEvent).toHaveBeenCalledTimes(1);
    expect(storedEarlyEvents()).toEqual([]);
  });
});

describe('properties of queued events', () => {
  it('drop a throwing getter as invalid without throwing', async () => {
    stubNetwork();
    const monitor = open();
    const hostile = {
      get platform(): string {
        throw new Error('boom');
      },
    };

    expect(() => monitor.track('share', hostile as never)).not.toThrow();
    await monitor.ready;
    expect(() => monitor.track('share', hostile as never)).not.toThrow();
    expect(monitor.stats().dropped.invalid).toBe(2);
  });

  it('keep the getters of a class instance', async () => {
    stubNetwork();
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const monitor = open({ sinks: [{ name: 'spy', handleEvent }] });
    class Share {
      get platform(): string {
        return 'link';
      }
    }

    monitor.track('share', new Share() as never);
    await monitor.ready;

    expect(handleEvent.mock.calls[0]?.[0].labels).toEqual({ platform: 'link' });
  });
});

describe('options', () => {
  it.each([
    [{ sinks: [42] }, /Invalid sinks: pass an array of objects/],
    [{ webVitals: 'yes' }, /Invalid webVitals "yes": use true or false/],
    [{ persistQueue: 0 }, /Invalid persistQueue 0: use true or false/],
    [{ service: 42 }, /Invalid service 42: use a non-empty string/],
    [{ release: '' }, /Invalid release "": use a non-empty string/],
  ])('throw %o from initMonitor() in development mode', (options, message) => {
    const create = () => initMonitor({ mode: 'development', ...(options as BrowserOptions) });

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(message);
  });

  it('keep valid sinks and warn in production mode', async () => {
    stubNetwork();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const handleEvent = vi.fn<NonNullable<Sink['handleEvent']>>();
    const sinks = [42, { name: 'spy', handleEvent }] as never;
    const monitor = open({ sinks });

    trackVisit(monitor, { channel: 'direct' });
    await monitor.ready;

    expect(handleEvent).toHaveBeenCalledTimes(1);
    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.some((message) => message.includes('Invalid sinks'))).toBe(true);
  });

  it('throw before any code loads', () => {
    const load = vi.fn();

    expect(() =>
      createEarlyMonitor(
        { mode: 'development', maxBatchSize: 0 },
        readLandingPage(),
        load,
        () => {},
      ),
    ).toThrow(MonitorError);
    expect(load).not.toHaveBeenCalled();
  });
});

describe('code that fails to load', () => {
  it('stores waiting events for the next page', async () => {
    const monitor = failingMonitor();

    trackVisit(monitor, { channel: 'direct' });
    trackVisit(monitor, { channel: 'paid' });

    expect(await monitor.ready).toBe(false);
    expect(storedEarlyEvents().map((event) => event.properties)).toEqual([
      { channel: 'direct' },
      { channel: 'paid' },
    ]);
    expect(monitor.stats().dropped.sink_error).toBe(0);
    expect(() => trackVisit(monitor, { channel: 'direct' })).not.toThrow();
    expect(await monitor.flush()).toBe(true);
    expect(await monitor.close()).toBe(true);
  });

  it('counts waiting events as dropped without storage', async () => {
    vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const monitor = failingMonitor();

    trackVisit(monitor, { channel: 'direct' });
    monitor.identify({ id: 'u-1' });

    expect(await monitor.ready).toBe(false);
    expect(monitor.stats().dropped.sink_error).toBe(1);
    expect(await monitor.flush()).toBe(false);
  });

  it('reports configured vendors as failed', async () => {
    const monitor = failingMonitor({
      sentry: { dsn: 'http://key@127.0.0.1:9/1' },
    });

    expect(await monitor.vendors).toEqual({ sentry: 'failed', datadog: 'off' });
  });

  it('throws nothing in production mode', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const monitor = failingMonitor();

    await monitor.ready;

    expect(reportError).not.toHaveBeenCalled();
  });
});
