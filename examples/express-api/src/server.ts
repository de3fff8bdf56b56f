import { initMonitor } from '@4site/monitor-node';
import { createApp } from './app';
import { readConfig } from './config';
import { type SimulationControl, startSimulation } from './simulate';

const config = readConfig(process.argv.slice(2), process.env);
const monitor = initMonitor({
  service: '4site-example-api',
  debug: process.env.MONITOR_DEBUG === '1',
  // Vendors switch on only when their settings are in the environment.
  ...(process.env.SENTRY_DSN ? { sentry: { dsn: process.env.SENTRY_DSN } } : {}),
  ...(process.env.DD_TRACE_AGENT_URL ? { datadog: { url: process.env.DD_TRACE_AGENT_URL } } : {}),
});
const simulation: SimulationControl | undefined = config.simulate
  ? { scenario: 'normal' }
  : undefined;
const app = createApp(monitor, config, simulation);

const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `4site example listening on http://localhost:${port} (metrics at /metrics, dashboard at /dashboard)`,
  );
  if (config.simulate) stopSimulation = startSimulation(`http://127.0.0.1:${port}`, simulation);
});
let stopSimulation: (() => void) | undefined;

function shutdown(signal: string): void {
  console.log(`Received ${signal}; shutting down.`);
  stopSimulation?.();
  server.close();
  server.closeAllConnections();
  void monitor.close().finally(() => process.exit(0));
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
