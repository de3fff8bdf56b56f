import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Catalog } from '@4site/monitor-core';
import { createNodeMonitor, type NodeMonitor } from '@4site/monitor-node';
import express5 from 'express';
import express4 from 'express4';
import {
  type EndpointOptions,
  monitorEndpoints,
  monitorErrorHandler,
  monitorMiddleware,
} from '../src';

export const expressVersions = [
  ['Express 5', express5 as unknown as typeof express5],
  ['Express 4', express4 as unknown as typeof express5],
] as const;

export type MonitoredApp = Awaited<ReturnType<typeof startApp>>;

/** Starts an app with the SDK mounted on 127.0.0.1 and a random port. */
export async function startApp(
  express: typeof express5,
  options: {
    maxRoutes?: number;
    mountTwice?: boolean;
    jsonParser?: boolean;
    endpoints?: EndpointOptions;
    catalog?: Catalog;
    /** Adds routes before the SDK's error handler. */
    routes?: (app: express5.Express, monitor: NodeMonitor<Catalog>) => void;
  } = {},
) {
  const monitor = createNodeMonitor({
    prometheus: { defaultMetrics: false },
    ...(options.catalog ? { catalog: options.catalog } : {}),
  }) as NodeMonitor<Catalog>;
  const app = express();
  app.use(monitorMiddleware(monitor, options));
  if (options.mountTwice) app.use(monitorMiddleware(monitor, options));
  if (options.jsonParser) app.use(express.json());
  app.use(monitorEndpoints(monitor, options.endpoints));
  options.routes?.(app, monitor);
  app.get('/sites/:id', (_req, res) => {
    res.json({ ok: true });
  });
  const users = express.Router();
  users.get('/:userId/sites', (_req, res) => {
    res.status(201).send('created');
  });
  app.use('/api/users', users);
  const teams = express.Router();
  const members = express.Router();
  members.get('/:memberId', (_req, res) => {
    res.send('member');
  });
  teams.use('/:teamId/members', members);
  app.use('/orgs/:orgId/teams', teams);
  app.get('/boom', () => {
    throw new Error('route failed');
  });
  app.get('/bad-request', () => {
    throw Object.assign(new Error('malformed input'), { status: 400 });
  });
  app.use(monitorErrorHandler(monitor));
  app.use((_error: unknown, _req: unknown, res: express5.Response, _next: unknown) => {
    res.status(500).send('failed');
  });

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    server.close();
    await monitor.close();
  };
  return { monitor, url, close };
}
