// The soak, run in its own process by soak.test.ts with --expose-gc. It prints one JSON line per
// checkpoint and one after closing everything, and never calls process.exit(), so the test also
// checks that the process ends on its own. The SOAK_* variables shrink it for a quick local run.
import { once } from 'node:events';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { createKpiSink } from '@4site/monitor-business';
import type { Catalog } from '@4site/monitor-core';
import {
  createAlerting,
  createDashboardEndpoints,
  initMonitor,
  type NodeMonitor,
} from '@4site/monitor-node';
import express from 'express';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../../src';
import {
  activeResources,
  processListeners,
  serverListeners,
  trackLiveResources,
} from './resources';
import { countSeries } from './series';
import { ingestBatch, pick, ROUTE_COUNT, randomInt, soakCatalog, trackMix } from './workload';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run the soak with node --expose-gc.');
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const EVENTS = setting('SOAK_EVENTS', 1_000_000);
const SCRAPES = setting('SOAK_SCRAPES', 10_000);
const ROUNDS = setting('SOAK_ROUNDS', 20);
const BATCH_EVENTS = 50;
const BATCHES = setting('SOAK_BATCHES', 2500);
const CONCURRENCY = 16;
const EVALUATIONS = setting('SOAK_EVALUATIONS', 15);
// Caps below their defaults (100 values and 100 routes) and two histogram buckets keep each of
// the 10000 scrapes short. The caps work the same at any size.
const LABEL_CAP = 20;
const ROUTE_CAP = 20;
// Ingest clients remembered by the rate limit (default 10000), below the 1000 client addresses.
const CLIENT_CAP = 500;
const CLIENT_ADDRESSES = 1000;

const liveResources = trackLiveResources();
const before = { active: activeResources(), listeners: processListeners() };
const kpiSink = createKpiSink({ name: 'soak-kpi' });
const monitor = initMonitor({
  catalog: soakCatalog,
  prometheus: { maxLabelValues: LABEL_CAP },
}) as unknown as NodeMonitor<Catalog>;
// createAlerting() adds the KPI sink to the monitor; the dashboard reads the same window.
// The evaluator runs on its default 30 s interval, and each checkpoint also moves its clock on by
// EVALUATIONS steps of 30 s, so its series window fills up to its one-hour capacity early on.
let alertClock = Date.now();
const alerting = createAlerting(monitor as unknown as NodeMonitor, {
  kpiSink,
  now: () => alertClock,
});
// Short dashboard windows fill within the first half of the soak. So do the deduplication
// windows (10000 keys, 50000 ingest ids) and the rate limit's client map. In the second half
// every bounded structure is full, so the heap should stay flat.
const dashboard = createDashboardEndpoints(monitor as unknown as NodeMonitor, {
  access: 'public',
  kpiSink,
  alerts: alerting.evaluator,
  sampleIntervalMillis: 1000,
  latencyWindowMillis: 20_000,
  historyLength: 20,
});
const server = startApp();
await once(server, 'listening');
const base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const serverBefore = serverListeners(server);

function startApp(): Server {
  const app = express();
  // The rate limit of the ingest endpoint keys on req.ip, which then comes from X-Forwarded-For.
  app.set('trust proxy', true);
  app.use(monitorMiddleware(monitor, { maxRoutes: ROUTE_CAP, buckets: [0.1, 1] }));
  app.use(monitorEndpoints(monitor, { rateLimit: { maxClients: CLIENT_CAP } }));
  app.use(dashboard.middleware);

  for (let i = 0; i < ROUTE_COUNT; i++) {
    app.get(`/r${i}/items/:id`, (_req, res) => {
      res.send('ok');
    });
  }
  app.get('/status/:code', (req, res) => {
    res.status(Number(req.params.code)).send('status');
  });
  app.get('/boom', () => {
    throw new Error('route failed');
  });
  app.get('/boom-async', async () => {
    throw new Error('async route failed');
  });
  app.get('/bad-request', () => {
    throw Object.assign(new Error('malformed input'), { status: 400 });
  });

  app.use(monitorErrorHandler(monitor));
  app.use((_error: unknown, _req: unknown, res: express.Response, _next: unknown) => {
    res.status(500).send('failed');
  });

  const listening = app.listen(0, '127.0.0.1');
  // Longer than a checkpoint, so the server never closes a kept-alive socket that the client is
  // about to reuse, a race that would reset the request.
  listening.keepAliveTimeout = 120_000;
  return listening;
}

interface Reply {
  status: number;
  body: string;
}

function send(method: string, path: string, headers = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ ...base, agent, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Exact counts that the checks compare with the monitor's own.
const expected = { visits: 0, statuses: new Map<number, number>() };
let lastScrape = '';
let ingestIds = 0;
const nextIngestId = () => `i${ingestIds++}`;

type Job = () => Promise<unknown>;

/** Returns the HTTP share of one round, in random order. */
function httpJobs(scrapes: number, batches: number): Job[] {
  const jobs: Job[] = [];
  const add = (count: number, job: Job) => {
    for (let i = 0; i < count; i++) jobs.push(job);
  };
  add(scrapes, async () => {
    const accept = Math.random() < 0.5 ? 'application/openmetrics-text' : 'text/plain';
    lastScrape = (await send('GET', '/metrics', { accept })).body;
  });
  add(batches, sendBatch);
  add(batches * 2, () => send('GET', `/r${randomInt(ROUTE_COUNT)}/items/${randomInt(1e6)}`));
  add(batches, () => send('GET', `/status/${200 + randomInt(400)}`));
  add(batches, () => send('GET', `/no/such/${randomInt(1e9).toString(36)}?q=${randomInt(1e9)}`));
  add(batches / 5, () => send('GET', pick(['/boom', '/boom-async', '/bad-request'])));
  add(batches / 25, () => send('GET', pick(['/health', '/health/live', '/monitor/kpis'])));
  add(batches / 25, openAndDropStream);
  return jobs.sort(() => Math.random() - 0.5);
}

async function sendBatch(): Promise<void> {
  const body = ingestBatch(BATCH_EVENTS, nextIngestId);
  const headers = {
    'content-type': Math.random() < 0.5 ? 'application/json' : 'text/plain;charset=UTF-8',
    'x-forwarded-for': `10.0.${randomInt(CLIENT_ADDRESSES / 250)}.${randomInt(250)}`,
  };
  const reply = await send('POST', '/monitor/ingest', headers, body);
  expected.statuses.set(reply.status, (expected.statuses.get(reply.status) ?? 0) + 1);
  if (reply.status !== 202) return;
  expected.visits += body.split('"name":"visit"').length - 1;
  // A resend of the same batch, as a browser retrying after a lost response, counts nothing.
  if (Math.random() < 0.05) await send('POST', '/monitor/ingest', headers, body);
}

/** Opens a dashboard event stream, reads its first event, then drops the connection. */
function openAndDropStream(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ ...base, agent: false, path: '/monitor/events' }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    // The reset that the drop causes may surface on the socket after the request settled.
    req.on('socket', (socket) => socket.on('error', () => {}));
    req.on('error', reject);
    req.end();
  });
}

async function runPool(jobs: Job[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await (jobs[next++] as Job)();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Tracks `count` events in process, yielding to the event loop between chunks. */
async function trackInProcess(count: number, next: ReturnType<typeof trackMix>): Promise<void> {
  for (let done = 0; done < count; ) {
    const chunk = Math.min(2000, count - done);
    for (let i = 0; i < chunk; i++) {
      const [name, properties] = next();
      const outcome = monitor.record(name, properties);
      if (name === 'visit' && outcome === 'accepted') expected.visits++;
    }
    done += chunk;
    await yieldToLoop();
  }
}

function collectGarbage(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function checkpoint(round: number, startedAt: number) {
  for (let i = 0; i < EVALUATIONS; i++) {
    alertClock += 30_000;
    await alerting.evaluate();
  }
  const heapUsed = collectGarbage();
  const stats = monitor.stats();
  return {
    type: 'checkpoint',
    round,
    seconds: Math.round((performance.now() - startedAt) / 100) / 10,
    cpuSeconds: Math.round(process.cpuUsage().user / 1e5) / 10,
    heapUsed,
    series: countSeries(lastScrape),
    active: activeResources(),
    live: liveResources(),
    listeners: processListeners(),
    server: serverListeners(server),
    accepted: stats.accepted,
    dropped: stats.dropped,
  };
}

const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const startedAt = performance.now();
const next = trackMix();
const trackPerRound = Math.round((EVENTS - BATCHES * BATCH_EVENTS) / ROUNDS);
print({ type: 'start', before, labelCap: LABEL_CAP, routeCap: ROUTE_CAP });
for (let round = 1; round <= ROUNDS; round++) {
  const jobs = httpJobs(SCRAPES / ROUNDS, BATCHES / ROUNDS);
  await Promise.all([runPool(jobs), trackInProcess(trackPerRound, next)]);
  print(await checkpoint(round, startedAt));
}

// Every count must match exactly, so the soak also shows that no event was lost.
const final = await send('GET', '/metrics');
const kpis = kpiSink.snapshot().counts;
agent.destroy();
server.close();
await once(server, 'close');
const firstClose = await monitor.close(1000);
const secondClose = await monitor.close(1000);
// Closed handles leave the lists on a later turn of the event loop, and Node's HTTP date cache
// keeps an unref'd timer for up to one second.
await new Promise((resolve) => setTimeout(resolve, 1100));
await yieldToLoop();
await yieldToLoop();
collectGarbage();
print({
  type: 'closed',
  expectedVisits: expected.visits,
  kpiVisits: kpis.visits,
  metricVisits: sumSamples(final.body, 'foursite_visits_total'),
  ingestStatuses: Object.fromEntries(expected.statuses),
  firstClose,
  secondClose,
  active: activeResources(),
  live: liveResources(),
  listeners: processListeners(),
  serverBefore,
  serverAfter: serverListeners(server),
});

function sumSamples(body: string, name: string): number {
  let sum = 0;
  for (const line of body.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}
