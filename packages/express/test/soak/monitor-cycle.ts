// Creates and closes a fully mounted monitor CYCLE_COUNT times (default 1000) in its own process,
// started by soak.test.ts with --expose-gc, and prints the resource counts before and after as
// one JSON line. Like soak-app.ts, it never calls process.exit().
import { once } from 'node:events';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  closeOnSignal,
  createAlerting,
  createDashboardEndpoints,
  initMonitor,
} from '@4site/monitor-node';
import express from 'express';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../../src';
import {
  activeResources,
  processListeners,
  serverListeners,
  trackLiveResources,
} from './resources';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run the cycles with node --expose-gc.');
const CYCLES = Number(process.env.CYCLE_COUNT ?? 1000);

// One server for every cycle, so the counts show what the SDK leaves behind, not the server.
let app: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const server = createServer((req, res) => app(req, res));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const port = (server.address() as AddressInfo).port;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs one life of a monitor: what a production app mounts, a little traffic, then close(). */
async function cycle(): Promise<number[]> {
  const monitor = initMonitor();
  closeOnSignal(monitor);
  const alerting = createAlerting(monitor, { intervalMillis: 1000 });
  const dashboard = createDashboardEndpoints(monitor, {
    access: 'public',
    alerts: alerting.evaluator,
    sampleIntervalMillis: 1000,
  });
  const express5 = express();
  express5.use(monitorMiddleware(monitor));
  express5.use(monitorEndpoints(monitor));
  express5.use(dashboard.middleware);
  express5.get('/boom', () => {
    throw new Error('route failed');
  });
  express5.use(monitorErrorHandler(monitor));
  express5.use((_error: unknown, _req: unknown, res: express.Response, _next: unknown) => {
    res.status(500).send('failed');
  });
  app = express5;
  monitor.track('visit', { channel: 'organic' });
  const statuses = [await get('/metrics'), await get('/boom'), await get('/monitor/kpis')];
  await monitor.close(500);
  return statuses;
}

function snapshot() {
  gc?.();
  gc?.();
  return {
    heapUsed: process.memoryUsage().heapUsed,
    active: activeResources(),
    live: liveResources(),
    listeners: processListeners(),
    server: serverListeners(server),
  };
}

/**
 * Waits until the counts are steady: timers and sockets that close() cleared leave them on a
 * later turn of the event loop, and Node's HTTP date cache keeps a timer until the next second.
 */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await new Promise((resolve) => setImmediate(resolve));
}

const liveResources = trackLiveResources();
// The first cycle loads modules and creates what prom-client keeps once per process.
const firstStatuses = await cycle();
await settle();
const before = snapshot();
const startedAt = performance.now();
for (let i = 1; i < CYCLES; i++) await cycle();
const seconds = (performance.now() - startedAt) / 1000;
await settle();
const after = snapshot();
agent.destroy();
server.close();
process.stdout.write(
  `${JSON.stringify({ cycles: CYCLES, seconds, firstStatuses, before, after })}\n`,
);
