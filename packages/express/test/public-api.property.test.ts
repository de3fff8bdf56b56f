import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import express from 'express';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectNoPollution,
  hostileValue,
  prototypeKeys,
  RUNS,
} from '../../core/test/hostile-values';
import {
  type ApiSpec,
  checkExport,
  expectEveryFunctionCovered,
} from '../../core/test/public-api-harness';
import * as api from '../src';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../src';

const silentWriter = { debug() {}, info() {}, warn() {}, error() {} };
const opened: NodeMonitor[] = [];
const monitor = () => {
  const created = createNodeMonitor({
    logWriter: silentWriter,
    prometheus: { defaultMetrics: false },
  });
  opened.push(created);
  return created as unknown as NodeMonitor;
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((created) => created.close(100)));
});

// Each factory is start-up code; the handler it returns runs per request and is called with
// hostile (req, res, next) lists too.
const handler = (valid: () => unknown[], keys: string[] = []): ApiSpec => ({
  kind: 'config',
  valid,
  keys,
  methods: true,
});

/** Every function export of the Express entry, with how it may react to hostile input. */
const SPECS: Record<string, ApiSpec> = {
  authFailureMiddleware: handler(() => [monitor(), {}], ['statuses']),
  healthHandler: handler(() => [monitor(), {}], ['checks', 'checkTimeoutMillis']),
  ingestHandler: handler(
    () => [monitor(), {}],
    ['maxBodyBytes', 'maxBatchEvents', 'bodyTimeoutMillis'],
  ),
  livenessHandler: handler(() => [monitor()]),
  metricsHandler: handler(() => [monitor()]),
  monitorEndpoints: handler(() => [monitor(), {}], ['metricsPath', 'healthPath', 'ingestPath']),
  monitorErrorHandler: handler(() => [monitor()]),
  monitorMiddleware: handler(() => [monitor(), {}], ['maxRoutes', 'buckets']),
  rateLimitHandler: handler(() => [monitor(), { scope: 'api' }], ['scope']),
  readinessHandler: handler(() => [monitor(), {}], ['checks', 'checkTimeoutMillis']),
  recordAuthFailure: { kind: 'runtime', valid: () => [monitor(), 'bad_password'] },
};

/** Starts a real Express app whose first middleware overwrites request fields with `poison`. */
async function startPoisonedApp(poison: { current: [string, unknown][] }) {
  const monitored = monitor();
  const app = express();
  app.use((req, _res, next) => {
    for (const [field, value] of poison.current) {
      Object.defineProperty(req, field, { value, configurable: true, writable: true });
    }
    next();
  });
  app.use(monitorMiddleware(monitored));
  app.use(express.json());
  app.use(monitorEndpoints(monitored));
  app.get('/sites/:id', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/boom', () => {
    throw new Error('route failed');
  });
  app.use(monitorErrorHandler(monitored));
  app.use((_error: unknown, _req: unknown, res: express.Response, _next: unknown) => {
    res.status(500).send('failed');
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('express public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(api, SPECS);
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, (api as unknown as Record<string, never>)[name] as never, spec);
    });
  }

  it('answers real requests whose fields are hostile', async () => {
    const poison = { current: [] as [string, unknown][] };
    const app = await startPoisonedApp(poison);
    const before = prototypeKeys();
    // Not `headers`: Express itself fails on a request without headers, before the SDK runs.
    const field = fc.constantFrom('route', 'baseUrl', 'body', 'ip', 'path', 'originalUrl', 'query');
    // The status that the app itself gives each path: the SDK must not change it.
    const expected: Record<string, number> = {
      '/sites/1': 200,
      '/boom': 500,
      '/metrics': 200,
      '/health': 200,
      '/nowhere': 404,
    };
    const paths = fc.constantFrom(...Object.keys(expected));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(field, hostileValue()), { maxLength: 3 }),
          paths,
          async (fields, path) => {
            poison.current = fields;
            const response = await fetch(`${app.url}${path}`, {
              signal: AbortSignal.timeout(10_000),
            });
            await response.arrayBuffer();
            expect(response.status, `${path} with ${fields.map(([name]) => name)}`).toBe(
              expected[path],
            );
            expectNoPollution(before);
          },
        ),
        { ...RUNS, numRuns: 40 },
      );
    } finally {
      app.close();
    }
  });
});
