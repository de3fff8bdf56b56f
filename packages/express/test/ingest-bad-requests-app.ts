import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { initMonitor } from '@4site/monitor-node';
import type express5 from 'express';
import { monitorEndpoints, monitorMiddleware } from '../src';

/** Origin that the table's app allows, so a request from any other origin gets a 403. */
export const ALLOWED_ORIGIN = 'https://4site.pro';

/** Body read timeout of the table's app, short so the slow-body cases finish quickly. */
export const BODY_TIMEOUT_MILLIS = 1_000;

export type IngestApp = Awaited<ReturnType<typeof startIngestApp>>;

/**
 * Starts an app as a user would set it up: `initMonitor()` with the 4site catalog, the request
 * middleware, then `monitorEndpoints()` before any body parser, on 127.0.0.1 and a random port.
 * The rate limit is off, because the table sends more requests than one client's budget.
 */
export async function startIngestApp(express: typeof express5) {
  const monitor = initMonitor({ prometheus: { defaultMetrics: false } });
  const app = express();
  app.use(monitorMiddleware(monitor));
  app.use(
    monitorEndpoints(monitor, {
      rateLimit: false,
      allowedOrigins: [ALLOWED_ORIGIN],
      bodyTimeoutMillis: BODY_TIMEOUT_MILLIS,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    server.closeAllConnections();
    server.close();
    await monitor.close();
  };
  return { monitor, port, url, close };
}
