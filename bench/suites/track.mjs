import { trackReferral, trackVisit } from '@4site/monitor-business';
import { createNodeMonitor } from '@4site/monitor-node';
import { Counter, Registry } from 'prom-client';
import { rotate } from '../lib/stats.mjs';

/** Times `fn` over `count` calls and returns nanoseconds per call. */
function nanosPerCall(count, fn) {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) fn(index);
  return Number(process.hrtime.bigint() - start) / count;
}

function createContenders() {
  const registry = new Registry();
  const counter = new Counter({
    name: 'raw_visits_total',
    help: 'Visits.',
    labelNames: ['channel'],
    registers: [registry],
  });
  const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
  let referral = 0;
  return {
    'prom-client labels().inc()': () => counter.labels('social').inc(),
    'prom-client inc(labels)': () => counter.inc({ channel: 'social' }),
    'trackVisit()': () => trackVisit(monitor, { channel: 'social', page: '/' }),
    // A new key each call exercises the idempotency window's insert and eviction path.
    'trackReferral() new key': () => trackReferral(monitor, { referralId: `r${referral++}` }),
  };
}

/** Measures nanoseconds per business event against a raw prom-client increment. */
export async function trackCost({ rounds, calls }) {
  const contenders = createContenders();
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, { nanosPerEvent: [] }]));
  for (const name of names) nanosPerCall(calls, contenders[name]);
  for (let round = 0; round < rounds; round++) {
    for (const name of rotate(names, round)) {
      samples[name].nanosPerEvent.push(nanosPerCall(calls, contenders[name]));
    }
  }
  return { contenders: names, samples };
}
