import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

// The spec runs from the repository root, which does not depend on Express or the SDK, so they
// are loaded the way the express package resolves them.
const ROOT = join(__dirname, '../..');
const requireFromExpress = createRequire(join(ROOT, 'packages/express/package.json'));

/** The Express app that serves the privacy page, its API and the SDK's ingest endpoint. */
export interface PageServer {
  readonly base: string;
  /** `/metrics` of the app's monitor, after the page's events were counted. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

type Handler = (req: { url: string }, res: ServerResponse) => void;
interface ServerResponse {
  status(code: number): ServerResponse;
  type(type: string): ServerResponse;
  send(body: string): void;
}
interface ExpressApp {
  use(...handlers: unknown[]): void;
  get(path: string, handler: Handler): void;
  all(path: string, handler: Handler): void;
  listen(port: number, host: string, ready: () => void): import('node:http').Server;
}

/**
 * Starts the app on a free port of 127.0.0.1. `html()` returns the page, which the bundle at `/page.js`
 * turns into a monitored app; `/api/echo` responds 200 and `/api/fail` 500 to any method.
 */
export async function startPageServer(html: () => string, bundle: string): Promise<PageServer> {
  const express = requireFromExpress('express') as () => ExpressApp;
  const { createNodeMonitor } = requireFromExpress('@4site/monitor-node');
  const sdk = requireFromExpress(join(ROOT, 'packages/express/dist/index.cjs'));
  const monitor = createNodeMonitor({ service: 'privacy-e2e-api', prometheus: {} });
  const app = express();
  app.use(sdk.monitorMiddleware(monitor));
  app.use(sdk.monitorEndpoints(monitor));
  app.get('/page.js', (_req, res) => res.type('application/javascript').send(bundle));
  app.all('/api/echo', (_req, res) => res.type('application/json').send('{"ok":true}'));
  app.all('/api/fail', (_req, res) => res.status(500).type('application/json').send('{}'));
  app.get('/{*page}', (_req, res) => res.type('html').send(html()));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    metrics: async () => (await fetch(`${base}/metrics`)).text(),
    async stop() {
      await monitor.close(2000);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Bundles the page entry with esbuild, resolving the SDK and vendors as the browser package does. */
export async function bundlePage(): Promise<string> {
  const requireFromTsup = createRequire(require.resolve('tsup'));
  const esbuild = requireFromTsup('esbuild') as typeof import('esbuild');
  const browser = join(ROOT, 'packages/browser');
  const result = await esbuild.build({
    entryPoints: [join(__dirname, 'page-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    alias: {
      '@4site/monitor-browser/sentry-tracing': join(browser, 'dist/vendors/sentry-tracing.js'),
      '@4site/monitor-browser': join(browser, 'dist/index.js'),
    },
    nodePaths: [join(browser, 'node_modules')],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
