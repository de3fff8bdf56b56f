import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createKpiSink, fourSiteAlertRules } from '@4site/monitor-business';
import { createAlerting, createDashboardEndpoints, type NodeMonitor } from '@4site/monitor-node';
import express from 'express';
import type { ExampleConfig } from './config';
import { SCENARIOS, type Scenario, type SimulationControl } from './simulate';

// With --simulate the windows and `for` durations shrink from an hour and minutes to seconds,
// so a pushed scenario moves the viral coefficient and its alerts while someone watches.
const FAST_WINDOW_MILLIS = 20_000;
const FAST_TIMING = { forMillis: 5000, keepFiringForMillis: 3000 };
const FAST_OVERRIDES = {
  ViralCoefficientDrop: {
    ...FAST_TIMING,
    summary: 'Viral coefficient K is below 0.5 over the last 20 seconds.',
  },
  ViralCoefficientCritical: {
    ...FAST_TIMING,
    summary: 'Viral coefficient K is below 0.2 over the last 20 seconds.',
  },
};

/**
 * Mounts the live dashboard: `/monitor/kpis`, `/monitor/events`, `/monitor/alerts`, the page at
 * `/dashboard` and, with --simulate, `POST /api/simulation` to switch the simulated scenario.
 */
export function mountDashboard(
  app: express.Express,
  monitor: NodeMonitor,
  config: ExampleConfig,
  simulation?: SimulationControl,
): void {
  const fast = config.simulate;
  const kpiSink = createKpiSink(
    fast
      ? { name: 'example-kpi', windowMillis: FAST_WINDOW_MILLIS, bucketCount: 20 }
      : { name: 'example-kpi' },
  );
  const rules = fourSiteAlertRules({
    prefix: monitor.prefix,
    ...(fast ? { overrides: FAST_OVERRIDES } : {}),
  });
  const alerting = createAlerting(monitor, {
    kpiSink,
    rules,
    intervalMillis: fast ? 1000 : 30_000,
  });
  monitor.addSink({ name: 'example-alerting', close: async () => stopped(alerting.stop) });
  const dashboard = createDashboardEndpoints(monitor, {
    // The example runs on 127.0.0.1 for one developer; a real deployment sets { token } or
    // { authorize } here, because these numbers describe the business.
    access: 'public',
    kpiSink,
    alerts: alerting.evaluator,
    sampleIntervalMillis: fast ? 1000 : 5000,
    latencyWindowMillis: fast ? 60_000 : 900_000,
  });
  app.get('/monitor/alerts', alerting.stateHandler);
  app.use(dashboard.middleware);
  app.use('/dashboard', express.static(dashboardRoot(), { maxAge: '1h' }));
  if (simulation) app.post('/api/simulation', switchScenario(simulation));
}

function stopped(stop: () => void): Promise<boolean> {
  stop();
  return Promise.resolve(true);
}

function switchScenario(simulation: SimulationControl): express.RequestHandler {
  return (req, res) => {
    const scenario = req.body?.scenario as Scenario;
    if (!SCENARIOS.includes(scenario)) {
      res.status(400).json({ error: `Invalid scenario: use one of ${SCENARIOS.join(', ')}.` });
      return;
    }
    simulation.scenario = scenario;
    res.json({ scenario });
  };
}

function dashboardRoot(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@4site/example-dashboard/package.json')), 'dist');
}
