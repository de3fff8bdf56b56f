import { metricsHandler } from '@4site/monitor-express';
import { createNodeMonitor } from '@4site/monitor-node';
import { Counter, Registry } from 'prom-client';
import { rotate } from '../lib/stats.mjs';

const SERIES_COUNTS = [1_000, 10_000, 50_000];
// Ten metrics share the series, as a real registry spreads them over several names.
const METRICS = 10;

function fillRegistry(registry, seriesCount) {
  const perMetric = seriesCount / METRICS;
  for (let metric = 0; metric < METRICS; metric++) {
    const counter = new Counter({
      name: `bench_series_${metric}_total`,
      help: 'Synthetic series.',
      labelNames: ['shard'],
      registers: [registry],
    });
    for (let shard = 0; shard < perMetric; shard++) counter.labels(String(shard)).inc(shard);
  }
}

/** Renders through the SDK's /metrics handler with a minimal response object. */
function renderThroughHandler(handler) {
  return new Promise((resolve, reject) => {
    const res = {
      statusCode: 0,
      setHeader() {},
      end: (text) => (res.statusCode === 200 ? resolve(text) : reject(new Error(text))),
    };
    handler({ method: 'GET', url: '/metrics', headers: {} }, res, reject);
  });
}

// Records the longest gap between 1 ms timer ticks while a render runs: a synchronous render
// delays the next tick by as long as it blocks the event loop.
async function measure(render) {
  let last = performance.now();
  let maxGap = 0;
  const heartbeat = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  maxGap = 0;
  last = performance.now();
  const start = performance.now();
  const text = await render();
  const elapsed = performance.now() - start;
  // One more tick measures the gap that a render ending in a synchronous block leaves.
  await new Promise((resolve) => setTimeout(resolve, 2));
  clearInterval(heartbeat);
  if (text.length === 0) throw new Error('The scrape rendered nothing.');
  return { renderMillis: elapsed, maxStallMillis: maxGap };
}

/** Measures /metrics render time and the longest event-loop stall during it. */
export async function scrapeCost({ rounds }) {
  const samples = {};
  const contenders = [];
  for (const seriesCount of SERIES_COUNTS) {
    const registry = new Registry();
    fillRegistry(registry, seriesCount);
    const monitor = createNodeMonitor({ prometheus: { registry, defaultMetrics: false } });
    const handler = metricsHandler(monitor);
    const renders = {
      [`prom-client registry.metrics() ${seriesCount}`]: () => registry.metrics(),
      [`SDK /metrics ${seriesCount}`]: () => renderThroughHandler(handler),
    };
    contenders.push(...Object.keys(renders));
    for (let round = 0; round < rounds; round++) {
      for (const name of rotate(Object.keys(renders), round)) {
        const result = await measure(renders[name]);
        samples[name] ??= { renderMillis: [], maxStallMillis: [] };
        samples[name].renderMillis.push(result.renderMillis);
        samples[name].maxStallMillis.push(result.maxStallMillis);
      }
    }
    await monitor.close();
  }
  return { contenders, samples };
}
