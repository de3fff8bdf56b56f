import type { Metric, Registry } from 'prom-client';

/**
 * Returns the metric registered under `name`, or registers the one that `create` builds.
 * Mounting middleware twice or re-importing a module then reuses a series instead of throwing.
 */
export function ensureMetric<M extends Metric<string>>(
  registry: Registry,
  name: string,
  create: () => M,
): M {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as M;
  const metric = create();
  registry.registerMetric(metric);
  return metric;
}
