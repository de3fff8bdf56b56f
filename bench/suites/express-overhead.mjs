import { fileURLToPath } from 'node:url';
import { load } from '../lib/load.mjs';
import { startServer } from '../lib/processes.mjs';
import { startSinkServer } from '../lib/sink-server.mjs';
import { rotate } from '../lib/stats.mjs';
import { hasWrk, loadWithWrk } from '../lib/wrk.mjs';

const APP = fileURLToPath(new URL('../servers/express-app.mjs', import.meta.url));
const SENTRY_PRELOAD = fileURLToPath(new URL('../servers/sentry-instrument.mjs', import.meta.url));
const MONITOR_PRELOAD = fileURLToPath(new URL('../servers/monitor-preload.mjs', import.meta.url));
// Node arguments by contender: these two start their SDK before the app imports Express.
const NODE_ARGS = {
  'sentry-plain': ['--import', SENTRY_PRELOAD],
  'full-sdk-preload': ['--import', MONITOR_PRELOAD],
};
const ALL_CONTENDERS = [
  'bare',
  'monitor-middleware',
  'prom-client-histogram',
  'express-prom-bundle',
  'full-sdk',
  'full-sdk-shared-scope',
  'full-sdk-preload',
  'sentry-plain',
];
// BENCH_CONTENDERS=bare,monitor-middleware narrows a run while investigating one contender.
const CONTENDERS = process.env.BENCH_CONTENDERS
  ? ALL_CONTENDERS.filter((name) => process.env.BENCH_CONTENDERS.split(',').includes(name))
  : ALL_CONTENDERS;
const ROUTES = { trivial: '/ping', parameter: '/sites/abc123' };
const METRICS = ['requestsPerSecond', 'p99', 'cpuMicrosPerRequest', 'p50Single', 'p99Single'];

/** The load generator of this run: Debian's wrk where installed, autocannon otherwise. */
export const loadGenerator = () => (hasWrk() ? 'wrk' : 'autocannon');

const loadOnce = (url, options) => (hasWrk() ? loadWithWrk(url, options) : load(url, options));

/**
 * Measures throughput and CPU per request at 50 connections, where the server is saturated and
 * latency is mostly queueing, then latency at one connection, where it is the request's own.
 */
async function measure(server, url, seconds) {
  const before = server.cpuMillis();
  const result = await loadOnce(url, { seconds });
  const after = server.cpuMillis();
  const cpu = before === undefined ? Number.NaN : ((after - before) * 1000) / result.requests;
  const single = await loadOnce(url, { seconds: Math.min(seconds, 3), connections: 1 });
  return { ...result, cpuMicrosPerRequest: cpu, p50Single: single.p50, p99Single: single.p99 };
}

/** Measures each Express setup's throughput and latency, alternating them round by round. */
export async function expressOverhead({ rounds, seconds }) {
  const intake = await startSinkServer();
  const dsn = `http://publickey@${intake.url.slice('http://'.length)}/1`;
  const samples = {};
  try {
    for (let round = 0; round < rounds; round++) {
      for (const contender of rotate(CONTENDERS, round)) {
        const nodeArgs = NODE_ARGS[contender] ?? [];
        const env = { CONTENDER: contender, SENTRY_DSN: dsn, NODE_ENV: 'production' };
        const server = await startServer(APP, { env, nodeArgs });
        try {
          await measure(server, `${server.url}/ping`, 1);
          for (const [routeName, path] of Object.entries(ROUTES)) {
            const result = await measure(server, `${server.url}${path}`, seconds);
            const key = `${contender} ${routeName}`;
            samples[key] ??= Object.fromEntries(METRICS.map((metric) => [metric, []]));
            for (const metric of METRICS) {
              samples[key][metric].push(result[metric]);
            }
          }
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await intake.close();
  }
  return {
    contenders: CONTENDERS,
    routes: Object.keys(ROUTES),
    samples,
    generator: loadGenerator(),
  };
}
