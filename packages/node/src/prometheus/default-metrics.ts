import { collectDefaultMetrics, type Metric, Registry } from 'prom-client';

// prom-client 15 names three gauges with a _total suffix, which the Prometheus naming rules keep
// for counters, so `promtool check metrics` rejects them. The same counts stay available, split
// by type, in nodejs_active_handles, nodejs_active_requests and nodejs_active_resources.
const MISNAMED_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

// A global slot, so a module loaded twice (hot reload, CommonJS and ESM copies) shares it too.
const SHARED = Symbol.for('@4site/monitor-node/default-metrics');
type Slot = { [SHARED]?: Registry };

/**
 * Registers prom-client's `process_*` and `nodejs_*` metrics in a registry. Each
 * `collectDefaultMetrics()` call starts a garbage-collection observer and an event-loop-delay
 * histogram that nothing can stop, so they are collected once per process into a hidden registry,
 * and every monitor's registry shares those metric objects. Default labels still apply per
 * registry, because prom-client adds them when a registry renders. Metrics that the registry
 * already has under the same name are kept.
 */
export function registerDefaultMetrics(registry: Registry): void {
  const slot = globalThis as Slot;
  let shared = slot[SHARED];
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
    for (const name of MISNAMED_DEFAULT_METRICS) shared.removeSingleMetric(name);
    slot[SHARED] = shared;
  }
  for (const metric of shared.getMetricsAsArray() as unknown as Metric<string>[]) {
    const { name } = metric as unknown as { name: string };
    if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
  }
}
