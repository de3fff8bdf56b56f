import { histogramQuantile } from './histogram-quantile';
import type { AlertSource, LabelMatchers } from './rule';

/** One sample of a series, as a registry exposes it. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface SeriesWindowOptions {
  /** Maximum window that a source reads, in milliseconds. Default: 3600000. */
  maxWindowMillis?: number;
  /** Time between snapshots in milliseconds, for sizing the ring. Default: 30000. */
  stepMillis?: number;
  /** Series kept per snapshot; the rest are dropped. Default: 10000. */
  maxSeries?: number;
}

interface Snapshot {
  readonly at: number;
  readonly series: Map<string, Sample>;
}

const keyOf = (sample: Sample) =>
  `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;

/**
 * Creates a ring of series snapshots and reads alert sources from it with the PromQL semantics of
 * Prometheus 2.x on regularly spaced samples. A range `[at - window, at]` includes both ends. A
 * counter's increase is its last value minus its first value in range, with resets added back.
 * A series needs two samples in range, as in PromQL.
 */
export function createSeriesWindow(options: SeriesWindowOptions = {}) {
  const maxWindow = options.maxWindowMillis ?? 3_600_000;
  const step = options.stepMillis ?? 30_000;
  const maxSeries = options.maxSeries ?? 10_000;
  // Two extra slots: the range includes both ends, and a late snapshot must not push one out.
  const capacity = Math.min(Math.ceil(maxWindow / step) + 2, 10_000);
  const ring: Snapshot[] = [];

  const record = (at: number, samples: readonly Sample[]): void => {
    const series = new Map<string, Sample>();
    for (const sample of samples) {
      if (series.size >= maxSeries) break;
      series.set(keyOf(sample), sample);
    }
    if (ring.length > 0 && (ring[ring.length - 1] as Snapshot).at >= at) ring.pop();
    ring.push({ at, series });
    while (ring.length > capacity) ring.shift();
  };

  const inRange = (at: number, windowMillis: number) =>
    ring.filter((snapshot) => snapshot.at >= at - windowMillis && snapshot.at <= at);

  /** Sums the increase of every matching series; null when none has two samples in range. */
  const increase = (
    name: string,
    matchers: LabelMatchers | undefined,
    at: number,
    windowMillis: number,
  ) =>
    sumIncrease(
      inRange(at, windowMillis),
      (sample) => sample.name === name && matches(sample, matchers),
    );

  const read = (source: AlertSource, at: number): number | null => {
    switch (source.kind) {
      case 'kpi':
        return null;
      case 'increase':
        return increase(source.metric, source.matchers, at, source.windowMillis);
      case 'ratio':
      case 'mean': {
        const [top, bottom] =
          source.kind === 'ratio'
            ? [source.numerator, source.denominator]
            : [
                { metric: `${source.metric}_sum`, matchers: source.matchers },
                { metric: `${source.metric}_count`, matchers: source.matchers },
              ];
        const denominator = increase(bottom.metric, bottom.matchers, at, source.windowMillis);
        const numerator = increase(top.metric, top.matchers, at, source.windowMillis);
        return denominator && numerator !== null ? numerator / denominator : null;
      }
      case 'quantile':
        return quantileOf(
          inRange(at, source.windowMillis),
          source.metric,
          source.matchers,
          source.quantile,
        );
      case 'gauge':
        return gaugeOf(latestAt(ring, at), source.metric, source.matchers, source.aggregation);
    }
  };

  return { record, read, snapshots: () => ring.length };
}

export type SeriesWindow = ReturnType<typeof createSeriesWindow>;

function matches(sample: Sample, matchers: LabelMatchers | undefined): boolean {
  return Object.entries(matchers ?? {}).every(([name, value]) => sample.labels[name] === value);
}

function seriesIncrease(snapshots: readonly Snapshot[], key: string): number | null {
  let first: number | null = null;
  let previous = 0;
  let total = 0;
  let count = 0;
  for (const snapshot of snapshots) {
    const sample = snapshot.series.get(key);
    if (!sample) continue;
    count += 1;
    if (first === null) first = sample.value;
    // A drop means the counter restarted from zero, as PromQL assumes.
    else total += sample.value >= previous ? sample.value - previous : sample.value;
    previous = sample.value;
  }
  return count >= 2 ? total : null;
}

function sumIncrease(
  snapshots: readonly Snapshot[],
  filter: (sample: Sample) => boolean,
): number | null {
  return sumByKey(snapshots, filter, () => '').get('') ?? null;
}

function sumByKey(
  snapshots: readonly Snapshot[],
  filter: (sample: Sample) => boolean,
  group: (sample: Sample) => string,
): Map<string, number> {
  const keys = new Map<string, Sample>();
  for (const snapshot of snapshots) {
    for (const [key, sample] of snapshot.series) if (filter(sample)) keys.set(key, sample);
  }
  const sums = new Map<string, number>();
  for (const [key, sample] of keys) {
    const value = seriesIncrease(snapshots, key);
    if (value === null) continue;
    sums.set(group(sample), (sums.get(group(sample)) ?? 0) + value);
  }
  return sums;
}

function quantileOf(
  snapshots: readonly Snapshot[],
  metric: string,
  matchers: LabelMatchers | undefined,
  quantile: number,
): number | null {
  const name = `${metric}_bucket`;
  const byLe = sumByKey(
    snapshots,
    (sample) => sample.name === name && sample.labels.le !== undefined && matches(sample, matchers),
    (sample) => sample.labels.le as string,
  );
  const buckets = [...byLe].map(([le, count]) => ({ le: parseLe(le), count }));
  return histogramQuantile(quantile, buckets);
}

const parseLe = (le: string) => (le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le));

function latestAt(ring: readonly Snapshot[], at: number): Snapshot | undefined {
  for (let index = ring.length - 1; index >= 0; index -= 1) {
    if ((ring[index] as Snapshot).at <= at) return ring[index];
  }
  return undefined;
}

function gaugeOf(
  snapshot: Snapshot | undefined,
  metric: string,
  matchers: LabelMatchers | undefined,
  aggregation: 'min' | 'max' | 'sum' | 'avg',
): number | null {
  const values = [...(snapshot?.series.values() ?? [])]
    .filter((sample) => sample.name === metric && matches(sample, matchers))
    .map((sample) => sample.value);
  if (values.length === 0) return null;
  if (aggregation === 'min') return Math.min(...values);
  if (aggregation === 'max') return Math.max(...values);
  const sum = values.reduce((total, value) => total + value, 0);
  return aggregation === 'sum' ? sum : sum / values.length;
}
