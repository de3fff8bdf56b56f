import type { KpiSink } from '@4site/monitor-business';
import { type AlertRule, type AlertSource, createSeriesWindow } from '@4site/monitor-core';
import type { Registry } from 'prom-client';
import { readSamples } from '../prometheus/read-samples';

export interface RegistryReaderOptions {
  registry: Registry;
  rules: readonly AlertRule[];
  /** Source of KPI values. Default: none, so KPI rules see no data. */
  kpiSink?: KpiSink;
  /** Time between snapshots in milliseconds, the evaluation interval. Default: 30000. */
  stepMillis?: number;
}

/** Names of the registry metrics that a source reads (histograms by their base name). */
function metricNames(source: AlertSource): string[] {
  switch (source.kind) {
    case 'kpi':
      return [];
    case 'ratio':
      return [source.numerator.metric, source.denominator.metric];
    default:
      return [source.metric];
  }
}

const longestWindow = (rules: readonly AlertRule[]) =>
  Math.max(
    60_000,
    ...rules.map((rule) => ('windowMillis' in rule.source ? rule.source.windowMillis : 0)),
  );

/**
 * Creates the value reader of the in-process evaluator. `sample()` snapshots the metrics that the
 * rules read from the prom-client registry, so rates and quantiles cover the in-process window;
 * KPI sources read the KPI sink. Counters are taken as 0 when the process started, so a series
 * that exists at the first snapshot needs a second snapshot before it has an increase.
 */
export function createRegistryReader(options: RegistryReaderOptions) {
  const names = [...new Set(options.rules.flatMap((rule) => metricNames(rule.source)))];
  const window = createSeriesWindow({
    maxWindowMillis: longestWindow(options.rules),
    stepMillis: options.stepMillis ?? 30_000,
  });

  const sample = async (at: number): Promise<void> => {
    window.record(at, await readSamples(options.registry, names));
  };

  const read = (source: AlertSource, at: number): number | null => {
    if (source.kind !== 'kpi') return window.read(source, at);
    const kpis = options.kpiSink?.snapshot().kpis as Record<string, unknown> | undefined;
    const value = kpis?.[source.kpi];
    return typeof value === 'number' ? value : null;
  };

  return { sample, read };
}
