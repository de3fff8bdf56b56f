import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { reliabilityCatalog } from './catalog';

const ROOT = join(__dirname, '../..');
// The e2e folder has no dependencies of its own, so the server's packages are loaded the way the
// express package resolves them: its built CommonJS files and its own node_modules.
const requireFromExpress = createRequire(join(ROOT, 'packages/express/package.json'));

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>reliability</title></head>
<body><button id="work">work</button><output id="output">0</output>
<script type="module" src="/assets/page-entry.js"></script></body></html>`;

/** A real Express server with the SDK's endpoints, serving the test page. */
export interface TestServer {
  readonly origin: string;
  /** How often the server's monitor counted each `orderId` of a `checkout` event. */
  readonly counts: Map<string, number>;
  /** Reads the server's `/metrics` text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Folder of the bundled page script. */
  bundleDir: string;
  /** Event ids that the ingest endpoint remembers. Default: the endpoint's own default. */
  eventIds?: { maxKeys?: number; ttlMillis?: number };
  /** The ingest endpoint's per-client rate limit. Default: off. */
  rateLimit?: { requestsPerMinute: number; burst: number };
}

/**
 * Starts the server on a free port of 127.0.0.1: `monitorEndpoints()` with the reliability
 * catalog and no rate limit, the test page at `/` and its script under `/assets/`.
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const express = requireFromExpress('express');
  const { createNodeMonitor } = requireFromExpress('@4site/monitor-node');
  const { monitorEndpoints } = requireFromExpress(join(ROOT, 'packages/express/dist/index.cjs'));
  const monitor = createNodeMonitor({
    catalog: reliabilityCatalog,
    prometheus: { defaultMetrics: false, cluster: false },
  });
  const counts = new Map<string, number>();
  monitor.addSink({
    name: 'order-recorder',
    handleEvent(event: { name: string; properties: { orderId?: string } }) {
      const id = event.properties.orderId;
      if (event.name === 'checkout' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
    },
  });
  const app = express();
  app.use(
    monitorEndpoints(monitor, {
      // Pages post through fault servers on other ports, which are other origins.
      allowedOrigins: ['*'],
      rateLimit: options.rateLimit ?? false,
      ...(options.eventIds ? { eventIds: options.eventIds } : {}),
    }),
  );
  app.use('/assets', express.static(options.bundleDir));
  app.get('/', (_req: unknown, res: { type(t: string): { send(body: string): void } }) => {
    res.type('html').send(PAGE);
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    counts,
    metrics: async () => (await fetch(`${origin}/metrics`)).text(),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await monitor.close(1000);
    },
  };
}
