import { createNoopMonitor, type Monitor } from '@4site/monitor-browser';
import { act, StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BrowserOptions,
  type FourSiteMonitor,
  getMonitor,
  MonitorProvider,
  trackVisit,
  useMonitor,
} from '../src/index';
import { render, unmountAll } from './render';

function stubFetch() {
  const fetchSpy = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    return new Response(null, { status: 202 });
  });
  vi.stubGlobal('fetch', fetchSpy);
  return fetchSpy;
}

function sentEvents(fetchSpy: ReturnType<typeof stubFetch>) {
  return fetchSpy.mock.calls.flatMap(([, init]) => JSON.parse(String(init?.body)).events);
}

/** Stores every monitor that it renders with, and tracks one visit per mount. */
function Probe({ seen, track = false }: { seen: Monitor[]; track?: boolean }) {
  const monitor = useMonitor();
  seen.push(monitor as Monitor);
  useEffect(() => {
    if (track) trackVisit(monitor, { channel: 'direct', page: '/' });
  }, [monitor, track]);
  return null;
}

function warnings(warn: { mock: { calls: unknown[][] } }, text: string): number {
  return warn.mock.calls.filter(([message]) => String(message).includes(text)).length;
}

afterEach(async () => {
  await unmountAll();
  await getMonitor().close(100);
});

describe('MonitorProvider', () => {
  it('starts one monitor under StrictMode', async () => {
    const warn = vi.spyOn(console, 'warn');
    const fetchSpy = stubFetch();
    const seen: Monitor[] = [];
    const options: BrowserOptions = { service: 'test' };

    await render(
      <StrictMode>
        <MonitorProvider options={options}>
          <Probe seen={seen} track />
        </MonitorProvider>
      </StrictMode>,
    );
    await getMonitor().flush();

    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toBe(getMonitor());
    expect(warnings(warn, 'initMonitor()')).toBe(0);
    expect(sentEvents(fetchSpy).map((event) => event.name)).toEqual(['visit', 'visit']);
  });

  it('keeps its monitor across re-renders with new options', async () => {
    stubFetch();
    const seen: Monitor[] = [];

    const root = await render(
      <MonitorProvider options={{ service: 'first' }}>
        <Probe seen={seen} />
      </MonitorProvider>,
    );
    await act(async () =>
      root.render(
        <MonitorProvider options={{ service: 'second' }}>
          <Probe seen={seen} />
        </MonitorProvider>,
      ),
    );

    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });

  it('starts a new monitor after close', async () => {
    stubFetch();
    const options: BrowserOptions = {};
    const first: Monitor[] = [];
    const second: Monitor[] = [];

    await render(
      <MonitorProvider options={options}>
        <Probe seen={first} />
      </MonitorProvider>,
    );
    await unmountAll();
    await first[0]?.close();
    await render(
      <MonitorProvider options={options}>
        <Probe seen={second} />
      </MonitorProvider>,
    );

    expect(second[0]).not.toBe(first[0]);
    expect(second[0]).toBe(getMonitor());
  });

  it('provides a monitor from props', async () => {
    const external = createNoopMonitor() as FourSiteMonitor;
    const track = vi.spyOn(external, 'track');
    const seen: Monitor[] = [];

    await render(
      <StrictMode>
        <MonitorProvider monitor={external}>
          <Probe seen={seen} track />
        </MonitorProvider>
      </StrictMode>,
    );

    expect(new Set(seen)).toEqual(new Set([external]));
    expect(track).toHaveBeenCalledWith('visit', { channel: 'direct', page: '/' });
    expect(getMonitor()).not.toBe(external);
  });
});

describe('useMonitor', () => {
  it('returns a no-op monitor outside a provider', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fetchSpy = stubFetch();
    const seen: Monitor[] = [];

    await render(<Probe seen={seen} track />);
    await render(<Probe seen={seen} track />);

    expect(seen).toHaveLength(2);
    expect(await seen[0]?.flush()).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
    // The warning's logger is imported on demand, so the warning comes a moment later.
    await vi.waitFor(() => expect(warnings(warn, 'outside a <MonitorProvider>')).toBe(1));
  });
});
