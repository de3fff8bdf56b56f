import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BrowserMonitor, initMonitor, trackVisit } from '../src/index';
import { PERSIST_DELAY_MILLIS } from '../src/transport/beacon-sink';
import { QUEUE_KEY_PREFIX } from '../src/transport/queue-store';
import { retryDelayMillis } from '../src/transport/retry';
import { stubNetwork } from './network';

const opened: BrowserMonitor[] = [];

async function start(): Promise<BrowserMonitor> {
  const monitor = initMonitor({ webVitals: false });
  opened.push(monitor);
  // The monitor's code loads by a dynamic import; the tests check what it does once loaded.
  await monitor.ready;
  return monitor;
}

function storedIds(): string[] {
  return Object.keys(localStorage)
    .filter((key) => key.startsWith(QUEUE_KEY_PREFIX))
    .flatMap((key) =>
      JSON.parse(localStorage.getItem(key) ?? '[]').map((e: { id: string }) => e.id),
    );
}

afterEach(async () => {
  for (const monitor of opened.splice(0)) await monitor.close(100);
  localStorage.clear();
  sessionStorage.clear();
});

describe('persisted queue', () => {
  it('stores queued events in localStorage', async () => {
    stubNetwork();
    const monitor = await start();

    trackVisit(monitor, { channel: 'direct', page: '/' });
    trackVisit(monitor, { channel: 'social', page: '/' });
    const beforeDelay = storedIds();
    await new Promise((resolve) => setTimeout(resolve, PERSIST_DELAY_MILLIS + 50));

    expect(beforeDelay).toHaveLength(0);
    expect(storedIds()).toHaveLength(2);
  });

  it('stores queued events at once when the page hides', async () => {
    stubNetwork({ beaconResult: false });
    const monitor = await start();

    trackVisit(monitor, { channel: 'direct', page: '/' });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('pagehide'));

    expect(storedIds().length).toBeGreaterThan(0);
  });

  it('sends stored events after a reload with the same ids', async () => {
    const down = stubNetwork({ statuses: [503], beaconResult: false });
    const first = await start();
    trackVisit(first, { channel: 'direct', page: '/' });
    await first.flush();
    const sentBefore = down.posts().flatMap((post) => post.body);
    const ids = storedIds();
    await first.close(100);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();

    const up = stubNetwork();
    const second = await start();
    await second.flush();

    expect(sentBefore.length).toBeGreaterThan(0);
    expect(ids).toHaveLength(1);
    const resent = up.posts().flatMap((post) => JSON.parse(post.body).events);
    expect(resent.map((event: { id: string }) => event.id)).toEqual(ids);
    expect(storedIds()).toEqual([]);
  });

  it('removes events from storage once sent', async () => {
    stubNetwork();
    const monitor = await start();

    trackVisit(monitor, { channel: 'direct', page: '/' });
    await monitor.flush();

    expect(storedIds()).toEqual([]);
  });

  it('keeps nothing when persistQueue is false', () => {
    stubNetwork();
    const monitor = initMonitor({ webVitals: false, persistQueue: false });
    opened.push(monitor);

    trackVisit(monitor, { channel: 'direct', page: '/' });

    expect(storedIds()).toEqual([]);
  });

  it('works when storage throws', async () => {
    stubNetwork();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('QuotaExceededError');
    });
    const monitor = await start();

    expect(() => trackVisit(monitor, { channel: 'direct', page: '/' })).not.toThrow();
  });
});

describe('retryDelayMillis', () => {
  it('doubles per failure up to five minutes', () => {
    const full = () => 1;

    expect(retryDelayMillis(1, 5000, full)).toBe(5000);
    expect(retryDelayMillis(2, 5000, full)).toBe(10_000);
    expect(retryDelayMillis(3, 5000, full)).toBe(20_000);
    expect(retryDelayMillis(20, 5000, full)).toBe(300_000);
  });

  it('spreads retries between half and full delay', () => {
    expect(retryDelayMillis(1, 5000, () => 0)).toBe(2500);
  });
});

describe('backoff', () => {
  it('waits longer after each failed send', async () => {
    vi.useFakeTimers();
    const network = stubNetwork({ statuses: [503] });
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const monitor = initMonitor({ webVitals: false, flushIntervalMillis: 1000 });
    opened.push(monitor);
    const callsAt = async (millis: number) => {
      await vi.advanceTimersByTimeAsync(millis);
      return network.fetch.mock.calls.length;
    };

    trackVisit(monitor, { channel: 'direct', page: '/' });

    expect(await callsAt(1000)).toBe(1);
    expect(await callsAt(999)).toBe(1);
    expect(await callsAt(1)).toBe(2);
    expect(await callsAt(1999)).toBe(2);
    expect(await callsAt(1)).toBe(3);
    vi.useRealTimers();
  });
});
