import { fileURLToPath } from 'node:url';
import { load } from '../lib/load.mjs';
import { startServer } from '../lib/processes.mjs';
import { rotate } from '../lib/stats.mjs';

const APP = fileURLToPath(new URL('../servers/monitor-app.mjs', import.meta.url));
const BATCH_SIZES = [1, 50];

function batchBody(size) {
  const events = Array.from({ length: size }, (_, index) => ({
    name: 'visit',
    properties: { channel: index % 2 ? 'social' : 'direct', page: '/' },
    timestamp: 1_733_300_000_000,
  }));
  return JSON.stringify({ events });
}

/** Measures validated beacon events per second through the ingest endpoint on one core. */
export async function ingestThroughput({ rounds, seconds }) {
  const server = await startServer(APP, { env: { INGEST_RATE_LIMIT: 'off' } });
  const samples = {};
  const contenders = BATCH_SIZES.map((size) => `batch of ${size}`);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const size of rotate(BATCH_SIZES, round)) {
        const result = await load(`${server.url}/monitor/ingest`, {
          seconds,
          method: 'POST',
          body: batchBody(size),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        });
        const name = `batch of ${size}`;
        samples[name] ??= { eventsPerSecond: [], requestsPerSecond: [] };
        samples[name].eventsPerSecond.push(result.requestsPerSecond * size);
        samples[name].requestsPerSecond.push(result.requestsPerSecond);
      }
    }
  } finally {
    await server.stop();
  }
  return { contenders, samples };
}
