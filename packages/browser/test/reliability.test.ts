import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BrowserMonitor, type BrowserOptions, initMonitor, trackVisit } from '../src/index';
import { parseRetryAfter } from '../src/transport/deliver';
import { MAX_ATTEMPTS } from '../src/transport/event-queue';
import { QUEUE_KEY_PREFIX } from '../src/transport/queue-store';
import { stubNetwork } from './network';

const opened: BrowserMonitor[] = [];

async function start(options: BrowserOptions = {}): Promise<BrowserMonitor> {
  const monitor = initMonitor({ webVitals: false, ...options });
  opened.push(monitor);
  // The monitor's code loads by a dynamic import; the tests check what it does once loaded.
  await monitor.ready;
  return monitor;
}

function trackVisits(monitor: BrowserMonitor, count: number): void {
  for (let i = 0; i < count; i++) trackVisit(monitor, { channel: 'direct', page: `/p${i}` });
}

function storedIds(): string[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith(QUEUE_KEY_PREFIX))
    .flatMap((key) =>
      JSON.parse(localStorage.getItem(key) ?? '[]').map((e: { id: string }) => e.id),
    );
}

/** Replaces fetch with a stub that responds to every request with `status` and `headers`. */
function stubFetch(status: number, headers: Record<string, string> = {}) {
  const fetchSpy = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    return new Response(null, { status, headers });
  });
  vi.stubGlobal('fetch', fetchSpy);
  return fetchSpy;
}

function setVisibility(state: DocumentVisibilityState): void {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(async () => {
  vi.useRealTimers();
  // Closing sends what is left; it must not reach happy-dom's real network.
  vi.stubGlobal('fetch', async () => new Response(null, { status: 202 }));
  vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
  for (const monitor of opened.splice(0)) await monitor.close(100);
  localStorage.clear();
  sessionStorage.clear();
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP date', () => {
    const now = Date.parse('Fri, 04 Dec 2026 18:00:00 GMT');

    expect(parseRetryAfter('Fri, 04 Dec 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 17:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or invalid value', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('holds timer, full batches and flush until it passes', async () => {
    vi.useFakeTimers();
    const fetchSpy = stubFetch(429, { 'retry-after': '30' });
    const monitor = await start({ flushIntervalMillis: 100, maxBatchSize: 5 });

    trackVisits(monitor, 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    trackVisits(monitor, 20);
    expect(await monitor.flush()).toBe(false);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetchSpy).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(1100);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it('caps a long Retry-After at five minutes', async () => {
    vi.useFakeTimers();
    const fetchSpy = stubFetch(503, { 'retry-after': '86400' });
    const monitor = await start({ flushIntervalMillis: 100 });

    trackVisits(monitor, 1);
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(5 * 60 * 1000 + 100);

    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });
});

describe('retry budget', () => {
  it('stops after the maximum attempts', async () => {
    vi.useFakeTimers();
    const fetchSpy = stubFetch(500);
    const monitor = await start({ flushIntervalMillis: 100 });

    trackVisits(monitor, 3);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);

    expect(fetchSpy).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(monitor.stats().dropped.sink_error).toBe(3);
    expect(storedIds()).toEqual([]);
  });

  it('keeps backoff while full batches arrive', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const fetchSpy = stubFetch(500);
    const monitor = await start({ flushIntervalMillis: 1000, maxBatchSize: 5 });

    trackVisits(monitor, 5);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 9; i++) {
      trackVisits(monitor, 5);
      await vi.advanceTimersByTimeAsync(100);
    }

    expect(fetchSpy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });
});

describe('request timeout', () => {
  it('aborts a hanging request and retries', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const fetchSpy = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal as AbortSignal;
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    vi.stubGlobal('fetch', fetchSpy);
    const monitor = await start({ flushIntervalMillis: 100, requestTimeoutMillis: 2000 });

    trackVisits(monitor, 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);

    expect(signals[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });
});

describe('beaconed events', () => {
  it('stay stored after the beacon', async () => {
    const network = stubNetwork({ beaconResult: true });
    const monitor = await start();

    trackVisits(monitor, 2);
    setVisibility('hidden');

    expect(network.beacons()[0]?.events).toHaveLength(2);
    expect(storedIds()).toHaveLength(2);
  });

  it('are sent with fetch when the page shows again', async () => {
    const network = stubNetwork({ beaconResult: true });
    const monitor = await start();

    trackVisits(monitor, 2);
    setVisibility('hidden');
    const beaconIds = network.beacons()[0]?.events.map((e) => (e as { id?: string }).id);
    setVisibility('visible');
    await monitor.flush();

    const postedIds = network.posts()[0]?.events.map((e) => (e as { id?: string }).id);
    expect(postedIds).toEqual(beaconIds);
    expect(storedIds()).toEqual([]);
  });

  it('are discarded when consent is denied', async () => {
    stubNetwork({ beaconResult: true });
    const monitor = await start();

    trackVisits(monitor, 2);
    setVisibility('hidden');
    monitor.setConsent('denied');

    expect(storedIds()).toEqual([]);
  });
});
