import type { Sample } from '@4site/monitor-core';
import type { Registry } from 'prom-client';

/**
 * Reads the current samples of the named metrics from a registry, as the in-process series
 * windows take them. Histograms give one sample per bucket, sum and count; missing names are
 * skipped.
 */
export async function readSamples(registry: Registry, names: readonly string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const name of names) {
    const metric = registry.getSingleMetric(name);
    if (!metric) continue;
    const data = await metric.get();
    for (const value of data.values) {
      const labels: Record<string, string> = {};
      for (const [key, label] of Object.entries(value.labels)) labels[key] = String(label);
      const series = (value as { metricName?: string }).metricName ?? data.name;
      samples.push({ name: series, labels, value: value.value });
    }
  }
  return samples;
}
