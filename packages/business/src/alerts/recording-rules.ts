import { formatDuration, type RecordingRuleSpec } from '@4site/monitor-core';
import type { KpiName } from '../kpi/compute';
import { kpiPromQl } from '../kpi/promql';

export interface KpiRecordingOptions {
  /** Metric name prefix, the Node monitor's `prometheus.prefix`. Default: `foursite`. */
  prefix?: string;
  /** KPI window in milliseconds. Default: 3600000 (one hour). */
  windowMillis?: number;
}

/** Lead quality is a mean score; every other KPI is a ratio of two counts. */
const kindOf = (kpi: KpiName) => (kpi === 'leadQuality' ? 'mean' : 'ratio');

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Returns the recorded series name of a KPI: `<prefix>:<kpi>:<kind>_<window>`, such as
 * `foursite:viral_coefficient:ratio_1h` or `foursite:lead_quality:mean_1h`, following the
 * Prometheus `level:metric:operations` naming of recording rules.
 */
export function kpiRecordName(kpi: KpiName, options: KpiRecordingOptions = {}): string {
  const range = formatDuration(options.windowMillis ?? 3_600_000);
  return `${options.prefix ?? 'foursite'}:${snakeCase(kpi)}:${kindOf(kpi)}_${range}`;
}

/** Returns one recording rule per KPI, with the PromQL of the business package's KPI definitions. */
export function kpiRecordingRuleSpecs(options: KpiRecordingOptions = {}): RecordingRuleSpec[] {
  const expressions = kpiPromQl(options);
  return (Object.keys(expressions) as KpiName[]).map((kpi) => ({
    record: kpiRecordName(kpi, options),
    expr: expressions[kpi],
  }));
}
