import { defineCatalog, defineEvent } from '@4site/monitor-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BrowserMonitor, type BrowserOptions, initMonitor, trackVisit } from '../src/index';
import { byteLength, stubNetwork } from './network';

let monitor: BrowserMonitor | undefined;

// A schema that accepts any properties, so an event can be as large as a test needs.
const anyObject = {
  '~standard': {
    version: 1 as const,
    vendor: 'test',
    validate: (value: unknown) => ({ value: value as Record<string, unknown> }),
  },
};

async function start(options: BrowserOptions = {}): Promise<BrowserMonitor> {
  monitor = initMonitor(options);
  // The monitor's code loads by a dynamic import; the tests check what it does once loaded.
  await monitor.ready;
  return monitor;
}

function trackVisits(target: BrowserMonitor, count: number): void {
  for (let i = 0; i < count; i++) trackVisit(target, { channel: 'direct', page: `/p${i}` });
}

function setVisibility(state: DocumentVisibilityState): void {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(async () => {
  vi.useRealTimers();
  await monitor?.close(100);
  monitor = undefined;
  localStorage.clear();
  sessionStorage.clear();
});

describe('batching', () => {
  it('sends a full batch at once with fetch', async () => {
    const network = stubNetwork();
    const target = await start({ maxBatchSize: 20 });

    trackVisits(target, 19);
    expect(network.fetch).not.toHaveBeenCalled();
    trackVisits(target, 1);

    expect(network.posts()).toHaveLength(1);
    expect(network.posts()[0]?.events).toHaveLength(20);
    expect(network.beacon).not.toHaveBeenCalled();
  });

  it('posts text/plain with keepalive to the endpoint', async () => {
    const network = stubNetwork();
    const target = await start({ endpoint: '/custom/ingest' });

    trackVisit(target, { channel: 'social', page: '/' });
    await target.flush();

    const [url, init] = network.fetch.mock.calls[0] ?? [];
    expect(url).toBe('/custom/ingest');
    expect(init?.method).toBe('POST');
    expect(init?.keepalive).toBe(true);
    expect(init?.headers).toEqual({ 'content-type': 'text/plain' });
    const [event] = network.posts()[0]?.events ?? [];
    expect(event?.name).toBe('visit');
    expect(event?.properties).toEqual({ channel: 'social', page: '/' });
    expect(typeof event?.timestamp).toBe('number');
  });

  it('flushes on the timer after flushIntervalMillis', async () => {
    vi.useFakeTimers();
    const network = stubNetwork();
    const target = await start({ flushIntervalMillis: 5000 });

    trackVisits(target, 3);
    await vi.advanceTimersByTimeAsync(4999);
    expect(network.fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    expect(network.posts()).toHaveLength(1);
    expect(network.posts()[0]?.events).toHaveLength(3);
  });

  it('sends nothing on the timer when the queue is empty', async () => {
    vi.useFakeTimers();
    const network = stubNetwork();
    await start({ flushIntervalMillis: 1000 });

    await vi.advanceTimersByTimeAsync(10_000);

    expect(network.fetch).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('splits requests to stay within maxRequestBytes', async () => {
    const network = stubNetwork();
    const target = await start({ maxBatchSize: 100, maxRequestBytes: 512 });

    trackVisits(target, 30);
    const delivered = await target.flush();

    const posts = network.posts();
    expect(delivered).toBe(true);
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(byteLength(post.body)).toBeLessThanOrEqual(512);
    expect(posts.flatMap((post) => post.events.map((event) => event.properties.page))).toEqual(
      Array.from({ length: 30 }, (_, i) => `/p${i}`),
    );
  });

  it('drops an event larger than maxRequestBytes as invalid', async () => {
    const network = stubNetwork();
    const note = defineEvent({ name: 'note', metric: 'notes', schema: anyObject, ingest: true });
    const target = initMonitor({ catalog: defineCatalog(note), maxRequestBytes: 256 });
    monitor = target as unknown as BrowserMonitor;

    target.track('note', { text: 'x'.repeat(300) });
    target.track('note', { text: 'short' });
    await target.flush();

    const events = network.posts().flatMap((post) => post.events);
    expect(events.map((event) => event.properties)).toEqual([{ text: 'short' }]);
    expect(target.stats().dropped.invalid).toBe(1);
  });
});

describe('page lifecycle', () => {
  it('sends a beacon on pagehide', async () => {
    const network = stubNetwork();
    const target = await start();

    trackVisits(target, 2);
    window.dispatchEvent(new Event('pagehide'));

    expect(network.beacons()).toHaveLength(1);
    expect(network.beacons()[0]?.url).toBe('/monitor/ingest');
    expect(network.beacons()[0]?.events).toHaveLength(2);
    expect(network.fetch).not.toHaveBeenCalled();
  });

  it('sends a beacon when the page becomes hidden', async () => {
    const network = stubNetwork();
    const target = await start();

    trackVisits(target, 1);
    setVisibility('visible');
    expect(network.beacon).not.toHaveBeenCalled();
    setVisibility('hidden');

    expect(network.beacons()).toHaveLength(1);
    expect(network.beacons()[0]?.events).toHaveLength(1);
  });

  it('splits beacons by maxRequestBytes', async () => {
    const network = stubNetwork();
    const target = await start({ maxRequestBytes: 400 });

    trackVisits(target, 12);
    window.dispatchEvent(new Event('pagehide'));

    const beacons = network.beacons();
    expect(beacons.length).toBeGreaterThan(1);
    for (const beacon of beacons) expect(byteLength(beacon.body)).toBeLessThanOrEqual(400);
    expect(beacons.flatMap((beacon) => beacon.events)).toHaveLength(12);
  });

  it('sends no beacon for an empty queue', async () => {
    const network = stubNetwork();
    await start();

    window.dispatchEvent(new Event('pagehide'));

    expect(network.beacon).not.toHaveBeenCalled();
  });

  it('falls back to fetch when sendBeacon returns false', async () => {
    const network = stubNetwork({ beaconResult: false });
    const target = await start();

    trackVisits(target, 2);
    window.dispatchEvent(new Event('pagehide'));

    expect(network.beacon).toHaveBeenCalledTimes(1);
    expect(network.posts()).toHaveLength(1);
    expect(network.posts()[0]?.events).toHaveLength(2);
    expect(network.fetch.mock.calls[0]?.[1]?.keepalive).toBe(true);
    expect(await target.flush()).toBe(true);
  });

  it('falls back to fetch when sendBeacon is missing', async () => {
    const network = stubNetwork();
    const original = Object.getOwnPropertyDescriptor(navigator, 'sendBeacon');
    Object.defineProperty(navigator, 'sendBeacon', { value: undefined, configurable: true });
    try {
      const target = await start();
      trackVisits(target, 1);
      window.dispatchEvent(new Event('pagehide'));
    } finally {
      if (original) Object.defineProperty(navigator, 'sendBeacon', original);
    }

    expect(network.posts()).toHaveLength(1);
  });

  it('removes its listeners and timers on close', async () => {
    vi.useFakeTimers();
    stubNetwork({ statuses: [503] });
    const added = [vi.spyOn(window, 'addEventListener'), vi.spyOn(document, 'addEventListener')];
    const removed = [
      vi.spyOn(window, 'removeEventListener'),
      vi.spyOn(document, 'removeEventListener'),
    ];
    const target = await start();

    trackVisits(target, 1);
    await target.close(100);

    const listeners = (spies: typeof added) => spies.flatMap((spy) => spy.mock.calls);
    // The first pagehide listener keeps the calls made before the code loaded.
    expect(listeners(added).map(([type]) => type)).toEqual([
      'pagehide',
      'pagehide',
      'pageshow',
      'online',
      'visibilitychange',
      'visibilitychange',
    ]);
    expect(listeners(removed)).toEqual(listeners(added));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('delivery', () => {
  it('resolves flush to true when delivered', async () => {
    stubNetwork();
    const target = await start();

    trackVisits(target, 3);

    expect(await target.flush()).toBe(true);
    expect(await target.flush()).toBe(true);
  });

  it('retries a batch after a server error', async () => {
    const network = stubNetwork({ statuses: [503, 202] });
    const target = await start();

    trackVisits(target, 2);
    const first = await target.flush();
    const second = await target.flush();

    expect(first).toBe(false);
    expect(second).toBe(true);
    expect(network.posts()[1]?.events.map((event) => event.properties.page)).toEqual([
      '/p0',
      '/p1',
    ]);
  });

  it('retries a batch after a network error', async () => {
    const network = stubNetwork();
    network.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const target = await start();

    trackVisits(target, 1);

    expect(await target.flush()).toBe(false);
    expect(await target.flush()).toBe(true);
    expect(network.fetch).toHaveBeenCalledTimes(2);
  });

  it('drops a batch after ten failed sends', async () => {
    const network = stubNetwork({ statuses: [500] });
    const target = await start();

    trackVisits(target, 2);
    for (let i = 0; i < 11; i++) await target.flush();

    expect(network.fetch).toHaveBeenCalledTimes(10);
    expect(target.stats().dropped.sink_error).toBe(2);
  });

  it('drops a batch that the server rejects with a 4xx', async () => {
    const network = stubNetwork({ statuses: [400, 202] });
    const target = await start();

    trackVisits(target, 2);

    expect(await target.flush()).toBe(false);
    expect(await target.flush()).toBe(true);
    expect(network.fetch).toHaveBeenCalledTimes(1);
    expect(target.stats().dropped.sink_error).toBe(2);
  });
});

describe('queue', () => {
  it('drops the newest events when full', async () => {
    const network = stubNetwork();
    const target = await start({ maxQueueSize: 5, maxBatchSize: 100 });

    trackVisits(target, 8);
    await target.flush();

    const pages = network.posts().flatMap((post) => post.events.map((e) => e.properties.page));
    expect(pages).toEqual(['/p0', '/p1', '/p2', '/p3', '/p4']);
    expect(target.stats().dropped.queue_full).toBe(3);
    expect(target.stats().accepted).toBe(8);
  });

  it('discards queued events when consent is denied', async () => {
    const network = stubNetwork();
    const target = await start();

    trackVisits(target, 3);
    target.setConsent('denied');
    trackVisits(target, 1);
    await target.flush();

    expect(network.fetch).not.toHaveBeenCalled();
    expect(target.stats().dropped.consent).toBe(4);
  });
});

describe('non-ingest events', () => {
  it('warns once and sends nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const network = stubNetwork();
    const target = await start();

    target.track('lead', { leadId: 'lead-1', source: 'direct' });
    target.track('lead', { leadId: 'lead-2', source: 'direct' });
    trackVisits(target, 1);
    await target.flush();

    const warnings = warn.mock.calls.filter(([message]) => String(message).includes('ingest'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.[0])).toContain('"lead"');
    expect(network.posts().flatMap((post) => post.events.map((e) => e.name))).toEqual(['visit']);
  });
});
