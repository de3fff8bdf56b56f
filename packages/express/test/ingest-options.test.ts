import { MonitorError } from '@4site/monitor-core';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type EndpointOptions, monitorEndpoints, monitorMiddleware } from '../src';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;
let monitor: NodeMonitor | undefined;

afterEach(async () => {
  await app?.close();
  await monitor?.close();
  app = undefined;
  monitor = undefined;
});

function endpoints(options: unknown) {
  monitor = createNodeMonitor({ prometheus: { defaultMetrics: false, cluster: false } });
  const target = monitor;
  return () => monitorEndpoints(target, options as EndpointOptions);
}

describe('ingest options', () => {
  it.each([
    [
      { allowedOrigins: 'https://app.4site.pro' },
      /Invalid allowedOrigins "https:\/\/app.4site.pro"/,
    ],
    [{ allowedOrigins: ['https://app.4site.pro/'] }, /Invalid origin "https:\/\/app.4site.pro\/"/],
    [{ allowedOrigins: ['https://a.pro/path'] }, /Invalid origin/],
    [{ allowedOrigins: ['app.4site.pro'] }, /Invalid origin "app.4site.pro"/],
    [{ allowedOrigins: [42] }, /Invalid origin 42/],
    [{ maxBodyBytes: Number.NaN }, /Invalid maxBodyBytes NaN: use an integer from 1 to/],
    [{ maxBodyBytes: 0 }, /Invalid maxBodyBytes 0/],
    [{ maxBodyBytes: 1.5 }, /Invalid maxBodyBytes 1.5/],
    [{ maxBodyBytes: '65536' }, /Invalid maxBodyBytes "65536"/],
    [{ maxBatchEvents: 0 }, /Invalid maxBatchEvents 0/],
    [{ maxBatchEvents: -3 }, /Invalid maxBatchEvents -3/],
    [{ rateLimit: { requestsPerMinute: Number.NaN } }, /Invalid rateLimit.requestsPerMinute NaN/],
    [{ rateLimit: { requestsPerMinute: 0 } }, /Invalid rateLimit.requestsPerMinute 0/],
    [{ rateLimit: { burst: 2.5 } }, /Invalid rateLimit.burst 2.5/],
    [{ rateLimit: { maxClients: '10' } }, /Invalid rateLimit.maxClients "10"/],
    [{ rateLimit: true }, /Invalid rateLimit true/],
    [{ eventIds: { maxKeys: -1 } }, /Invalid eventIds.maxKeys -1/],
    [{ eventIds: { ttlMillis: Number.POSITIVE_INFINITY } }, /Invalid eventIds.ttlMillis Infinity/],
  ])('rejects %o at creation', (options, message) => {
    const create = endpoints(options);
    expect(create).toThrow(MonitorError);
    expect(create).toThrow(message);
  });

  it('accepts origins, rateLimit false and in-range limits', () => {
    const options = {
      allowedOrigins: ['https://app.4site.pro', 'http://127.0.0.1:8080', '*'],
      rateLimit: false,
      maxBodyBytes: 1024,
      maxBatchEvents: 1,
    };
    expect(typeof endpoints(options)()).toBe('function');
  });

  it.each([Number.NaN, 0, -1, 2.5])('rejects maxRoutes %s', (maxRoutes) => {
    monitor = createNodeMonitor({ prometheus: { defaultMetrics: false, cluster: false } });
    const target = monitor;
    expect(() => monitorMiddleware(target, { maxRoutes })).toThrow(/Invalid maxRoutes/);
  });
});

const visit = { name: 'visit', properties: { channel: 'social', page: '/' }, timestamp: 1 };

describe.each(expressVersions)('ingest limits on %s', (_name, express) => {
  it('refuses an origin that is a prefix of an allowed one', async () => {
    app = await startApp(express, { endpoints: { allowedOrigins: ['https://app.4site.pro'] } });
    const send = (origin: string) =>
      fetch(`${app?.url}/monitor/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ events: [visit] }),
      });
    expect((await send('https://app.4site.pr')).status).toBe(403);
    expect((await send('https://app.4site.pro')).status).toBe(202);
  });

  it('applies maxBodyBytes after express.json()', async () => {
    const endpoints = { maxBodyBytes: 2048, rateLimit: false as const };
    app = await startApp(express, { jsonParser: true, endpoints });
    // Whitespace that the parser drops still counts, as it does without the parser.
    const padded = `{"events":[${JSON.stringify(visit)}]${' '.repeat(4096)}}`;
    const response = await fetch(`${app.url}/monitor/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: padded,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'Body is larger than 2048 bytes: send smaller batches.',
    });
    const small = await fetch(`${app.url}/monitor/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [visit] }),
    });
    expect(small.status).toBe(202);
  });
});
