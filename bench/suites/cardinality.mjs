import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from '../lib/processes.mjs';

const APP = fileURLToPath(new URL('../servers/monitor-app.mjs', import.meta.url));

function randomText() {
  return randomBytes(6).toString('hex');
}

// Half the requests hit random paths, half post events whose label values are random.
function attackRequest() {
  if (Math.random() < 0.5) return { method: 'GET', path: `/${randomText()}/${randomText()}` };
  const event = { name: 'visit', properties: { channel: randomText(), page: `/${randomText()}` } };
  return {
    method: 'POST',
    path: '/monitor/ingest',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [event] }),
  };
}

/** Sends random paths and label values, then reports series count and heap growth. */
export async function cardinalityAttack({ requests }) {
  const server = await startServer(APP, { nodeArgs: ['--expose-gc'] });
  try {
    const before = await server.request('stats');
    const result = await autocannon({
      url: server.url,
      connections: 50,
      amount: requests,
      requests: [{ setupRequest: (request) => ({ ...request, ...attackRequest() }) }],
    });
    const after = await server.request('stats');
    return {
      requests: result.requests.total,
      seriesBefore: before.series,
      seriesAfter: after.series,
      heapGrowthBytes: after.heapUsed - before.heapUsed,
      rejected: result.non2xx,
    };
  } finally {
    await server.stop();
  }
}
