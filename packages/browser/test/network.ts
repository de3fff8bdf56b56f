import { vi } from 'vitest';

/** A request that the code under test sent, with its parsed events. */
export interface SentRequest {
  url: string;
  body: string;
  events: { name: string; properties: Record<string, unknown>; timestamp: number }[];
}

function parse(url: string, body: string): SentRequest {
  return { url, body, events: JSON.parse(body).events };
}

/**
 * Replaces `navigator.sendBeacon` and `fetch` with spies. `fetch` responds to each request with the
 * next status of `statuses`, repeating the last one.
 */
export function stubNetwork(options: { beaconResult?: boolean; statuses?: number[] } = {}) {
  const statuses = options.statuses ?? [202];
  const beacon = vi
    .spyOn(navigator, 'sendBeacon')
    .mockImplementation(() => options.beaconResult ?? true);
  const fetchSpy = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    const status = statuses.length > 1 ? (statuses.shift() as number) : (statuses[0] as number);
    return new Response(null, { status });
  });
  vi.stubGlobal('fetch', fetchSpy);

  return {
    beacon,
    fetch: fetchSpy,
    beacons: (): SentRequest[] =>
      beacon.mock.calls.map(([url, body]) => parse(String(url), String(body))),
    posts: (): SentRequest[] =>
      fetchSpy.mock.calls.map(([url, init]) => parse(String(url), String(init?.body))),
  };
}

/** Bytes of a string in UTF-8. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
