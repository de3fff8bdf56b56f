import type { Sink } from '@4site/monitor-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLandingPage } from '../src/attribution/landing-page';
import { createEarlyMonitor, MAX_EARLY_CALLS } from '../src/early-monitor';
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

// A monitor whose code fails to load, as when a deploy removed the chunk that the page asks for.
function failingMonitor(options: BrowserOptions = {}) {
  const chunkMissing = new TypeError('Failed to fetch dynamically imported module');
  return createEarlyMonitor(
    options,
    readLandingPage(),
    () => Promise.reject(chunkMissing),
    () => {},
  );
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

describe('options', () => {
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
  it('counts waiting calls as dropped', async () => {
    const monitor = failingMonitor();

    trackVisit(monitor, { channel: 'direct' });
    trackVisit(monitor, { channel: 'paid' });

    expect(await monitor.ready).toBe(false);
    expect(monitor.stats().dropped.sink_error).toBe(2);
    expect(() => trackVisit(monitor, { channel: 'direct' })).not.toThrow();
    expect(await monitor.flush()).toBe(true);
    expect(await monitor.close()).toBe(true);
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
