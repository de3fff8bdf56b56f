import { fileURLToPath } from 'node:url';
import { load } from '../lib/load.mjs';
import { startServer } from '../lib/processes.mjs';
import { startSinkServer } from '../lib/sink-server.mjs';
import { rotate } from '../lib/stats.mjs';

const APP = fileURLToPath(new URL('../servers/express-app.mjs', import.meta.url));
const SENTRY_PRELOAD = fileURLToPath(new URL('../servers/sentry-instrument.mjs', import.meta.url));
const ALL_CONTENDERS = [
  'bare',
  'monitor-middleware',
  'prom-client-histogram',
  'express-prom-bundle',
  'full-sdk',
  'sentry-plain',
];
// BENCH_CONTENDERS=bare,monitor-middleware narrows a run while investigating one contender.
const CONTENDERS = process.env.BENCH_CONTENDERS
  ? ALL_CONTENDERS.filter((name) => process.env.BENCH_CONTENDERS.split(',').includes(name))
  : ALL_CONTENDERS;
const ROUTES = { trivial: '/ping', parameter: '/sites/abc123' };

/** Measures each Express setup's throughput and latency, alternating them round by round. */
export async function expressOverhead({ rounds, seconds }) {
  const intake = await startSinkServer();
  const dsn = `http://publickey@${intake.url.slice('http://'.length)}/1`;
  const samples = {};
  try {
    for (let round = 0; round < rounds; round++) {
      for (const contender of rotate(CONTENDERS, round)) {
        const nodeArgs = contender === 'sentry-plain' ? ['--import', SENTRY_PRELOAD] : [];
        const env = { CONTENDER: contender, SENTRY_DSN: dsn, NODE_ENV: 'production' };
        const server = await startServer(APP, { env, nodeArgs });
        try {
          await load(`${server.url}/ping`, { seconds: 1 });
          for (const [routeName, path] of Object.entries(ROUTES)) {
            const result = await load(`${server.url}${path}`, { seconds });
            const key = `${contender} ${routeName}`;
            samples[key] ??= { requestsPerSecond: [], p50: [], p99: [] };
            for (const metric of ['requestsPerSecond', 'p50', 'p99']) {
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
  return { contenders: CONTENDERS, routes: Object.keys(ROUTES), samples };
}
