// An Express app with the SDK's middleware and endpoints and a catch-all route, for the ingest
// and cardinality benchmarks. It responds to IPC requests for its heap size and series count.
import { monitorEndpoints, monitorMiddleware } from '@4site/monitor-express';
import { createNodeMonitor } from '@4site/monitor-node';
import express from 'express';

const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
const app = express();
app.use(monitorMiddleware(monitor));
// The throughput benchmark sends every request from one client, so it turns the per-client rate
// limit off. The cardinality attack keeps the default limit, as a production app would.
const rateLimit = process.env.INGEST_RATE_LIMIT === 'off' ? false : undefined;
app.use(monitorEndpoints(monitor, rateLimit === false ? { rateLimit } : {}));
app.get('/sites/:id', (req, res) => {
  res.json({ id: req.params.id });
});

async function seriesCount() {
  const metrics = await monitor.registry.getMetricsAsJSON();
  return metrics.reduce((sum, metric) => sum + metric.values.length, 0);
}

process.on('message', async (message) => {
  if (message === 'stats') {
    globalThis.gc?.();
    const { heapUsed } = process.memoryUsage();
    process.send({ heapUsed, series: await seriesCount(), stats: monitor.stats() });
  }
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
