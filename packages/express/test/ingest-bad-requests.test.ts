import { MonitorError } from '@4site/monitor-core';
import { createNodeMonitor } from '@4site/monitor-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_REJECT_REASONS, ingestHandler } from '../src';
import { expressVersions } from './app';
import { type IngestApp, startIngestApp } from './ingest-bad-requests-app';
import { BAD_REQUESTS, type BadRequest } from './ingest-bad-requests-cases';
import { promtoolCheck } from './promtool';
import { sendRaw } from './raw-http';

interface ErrorBody {
  error?: string;
  rejected?: { index: number; reason: string; message: string }[];
}

// Series that every request changes, and the counter that a rejection must change.
const EXCLUDED_SERIES =
  /^(# (HELP|TYPE) )?(http_server_request_duration_seconds|foursite_ingest_rejected_total)/;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** Returns `/metrics` without the series that a rejected request may change. */
async function recordedSeries(app: IngestApp): Promise<string> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => !EXCLUDED_SERIES.test(line))
    .join('\n');
}

async function rejectionCounts(app: IngestApp): Promise<Record<string, number>> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const reason of INGEST_REJECT_REASONS) {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`foursite_ingest_rejected_total{reason="${reason}"}`));
    counts[reason] = Number(line?.split(' ').pop());
  }
  return counts;
}

function send(app: IngestApp, request: BadRequest) {
  return sendRaw(app.port, {
    method: request.method ?? 'POST',
    path: '/monitor/ingest',
    headers: request.headers ?? { 'content-type': 'application/json' },
    body: Buffer.from(request.body ?? ''),
    ...(request.chunked ? { chunked: true } : {}),
    ...(request.contentLength === undefined ? {} : { contentLength: request.contentLength }),
    ...(request.neverEnds ? { neverEnds: true } : {}),
  });
}

/** Returns the error and every rejected event's message as one text, for phrase checks. */
function messagesOf(body: ErrorBody): string {
  return [body.error ?? '', ...(body.rejected ?? []).map((item) => item.message)].join('\n');
}

/**
 * Returns the rejection counts that must follow a request: one more for its reason. When Node's
 * parser responds first, the handler may or may not have counted the part it read.
 */
function expectedCounts(before: Record<string, number>, request: BadRequest) {
  const count = before[request.reason] ?? 0;
  const after = request.bareNodeReply
    ? expect.toSatisfy((n: number) => n === count || n === count + 1)
    : count + 1;
  return { ...before, [request.reason]: after };
}

function post(app: IngestApp, body: string) {
  const headers = { 'content-type': 'application/json' };
  return fetch(`${app.url}/monitor/ingest`, { method: 'POST', headers, body });
}

function inheritedKeys(value: object): string[] {
  const keys: string[] = [];
  for (const key in value) keys.push(key);
  return keys;
}

describe.each(expressVersions)('ingest bad requests on %s', (_name, express) => {
  let app: IngestApp;

  beforeAll(async () => {
    app = await startIngestApp(express);
  });

  afterAll(async () => {
    await app.close();
  });

  it('covers at least 30 kinds', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_REQUESTS.map((request) => request.kind)).size).toBe(BAD_REQUESTS.length);
  });

  it.each(BAD_REQUESTS.map((request) => [request.kind, request] as const))(
    'rejects %s',
    async (_kind, request) => {
      const before = await recordedSeries(app);
      const countsBefore = await rejectionCounts(app);

      const response = await send(app, request);

      expect(response.status).toBe(request.status);
      if (request.bareNodeReply) {
        expect(await response.closed).toBe(true);
      } else {
        const body = JSON.parse(response.body) as ErrorBody;
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(messagesOf(body)).toContain(request.phrase);
        if (request.rejectedCount !== undefined) {
          expect(body.rejected).toHaveLength(request.rejectedCount);
        }
        for (const [name, value] of Object.entries(request.responseHeaders ?? {})) {
          expect(response.headers[name]).toBe(value);
        }
      }
      expect(await recordedSeries(app)).toBe(before);
      expect(await rejectionCounts(app)).toEqual(expectedCounts(countsBefore, request));
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
      expect(inheritedKeys({})).toEqual([]);
      expect(inheritedKeys([])).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('closes the connection of a body that never ends', async () => {
    const neverEnds = BAD_REQUESTS.filter((request) => request.neverEnds);

    const responses = await Promise.all(neverEnds.map((request) => send(app, request)));

    expect(neverEnds.length).toBeGreaterThan(0);
    for (const response of responses) {
      expect(response.status).toBe(408);
      expect(await response.closed).toBe(true);
    }
  });

  it('rejects a mixed batch whole and lists its bad events', async () => {
    const visit = { name: 'visit', properties: { channel: 'social', page: '/' } };
    const share = { name: 'share', properties: { platform: 'link' } };
    const events = [
      visit,
      { name: 'visit', properties: { channel: 'tiktok' } },
      share,
      { name: 'signup' },
      { name: 'lead', properties: { leadId: 'l-1', source: 'email' } },
    ];
    const before = await recordedSeries(app);

    const mixed = await post(app, JSON.stringify({ events }));
    const body = (await mixed.json()) as ErrorBody;
    const unchanged = await recordedSeries(app);
    const resent = await post(app, JSON.stringify({ events: [visit, share] }));

    expect(mixed.status).toBe(400);
    expect(body.error).toBe('The batch has invalid events; none was counted.');
    expect(body.rejected?.map(({ index, reason }) => [index, reason])).toEqual([
      [1, 'invalid'],
      [3, 'unknown_event'],
      [4, 'forbidden'],
    ]);
    expect(unchanged).toBe(before);
    expect(resent.status).toBe(202);
    expect(await resent.json()).toEqual({ accepted: 2, duplicates: 0 });
  });

  it('lists only malformed events when a batch also has invalid ones', async () => {
    const events = [{ name: 'visit', properties: { channel: 'tiktok' } }, 7];

    const response = await post(app, JSON.stringify({ events }));
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.rejected?.map(({ index, reason }) => [index, reason])).toEqual([[1, 'malformed']]);
  });

  it('folds a flood of valid page templates into other', async () => {
    const events = Array.from({ length: 60 }, (_, i) => ({
      name: 'web_vital',
      properties: {
        metric: 'LCP',
        value: 1800,
        id: `v5-flood-${i}`,
        page: `/flood/${i}`,
        navigationType: 'navigate',
        deviceClass: 'desktop',
        rating: 'good',
      },
    }));

    const response = await post(app, JSON.stringify({ events }));
    const text = await (await fetch(`${app.url}/metrics`)).text();
    const pages = new Set(
      text
        .split('\n')
        .filter((line) => line.startsWith('foursite_web_vitals_lcp_seconds_count{'))
        .map((line) => /page="([^"]*)"/.exec(line)?.[1]),
    );

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 60, duplicates: 0 });
    expect(pages.size).toBe(51);
    expect(pages.has('other')).toBe(true);
    expect(text).toContain(
      'foursite_web_vitals_lcp_seconds_count{page="other",device_class="desktop"} 10',
    );
  });

  it('accepts properties that a schema adds', async () => {
    // The browser sends the schema's output, and session_end's schema derives `bounced`.
    const session = { name: 'session_end', properties: { pageCount: 1, bounced: 'true' } };

    const response = await post(app, JSON.stringify({ events: [session] }));

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('ignores a UTF-8 byte order mark', async () => {
    const body = `\ufeff${JSON.stringify({ events: [{ name: 'conversion', properties: { stage: 'site_viewed' } }] })}`;

    const response = await post(app, body);
    const text = await (await fetch(`${app.url}/metrics`)).text();

    expect(response.status).toBe(202);
    expect(text).toContain('foursite_conversions_total{stage="site_viewed"} 1');
  });

  it('serves /metrics that promtool accepts after the table', async () => {
    const text = await (await fetch(`${app.url}/metrics`)).text();

    expect(text).toContain('foursite_ingest_rejected_total{reason="malformed"}');
    expect(await promtoolCheck(text)).toBe('');
  });
});

describe('ingest body timeout option', () => {
  it.each([-5, 0, 1.5, Number.NaN, 2_147_483_648])('rejects %s at creation', async (value) => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    try {
      const create = () => ingestHandler(monitor, { bodyTimeoutMillis: value, rateLimit: false });
      expect(create).toThrow(MonitorError);
      expect(create).toThrow(/Invalid bodyTimeoutMillis .*: use an integer from 1 to 2147483647/);
    } finally {
      await monitor.close();
    }
  });
});
