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
  /**
   * Time between snapshots in milliseconds, for sizing the ring. A step shorter than
   * `maxWindowMillis / 240` keeps one snapshot per that time, plus the latest. Default: 30000.
   */
  stepMillis?: number;
  /** Distinct series kept; series first seen after that many are dropped. Default: 10000. */
  maxSeries?: number;
}

/** A series that the window has seen: its index in every snapshot, name and labels. */
interface SeriesEntry {
  readonly id: number;
  readonly sample: Sample;
}

/**
 * The values of every known series at one time, indexed by series id. An id past the end, or
 * whose `present` flag is 0, had no sample then.
 */
interface Snapshot {
  readonly at: number;
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

const MAX_SNAPSHOTS_PER_WINDOW = 240;

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
  // Kept snapshots are at least this far apart, so a short step cannot multiply the memory: with
  // a 1 s step and a one-hour window, a snapshot is kept every 15 s.
  const spacing = Math.max(step, maxWindow / MAX_SNAPSHOTS_PER_WINDOW);
  // Two extra slots: the range includes both ends, and a late snapshot must not push one out.
  const capacity = Math.min(Math.ceil(maxWindow / spacing) + 2, 10_000);
  const ring: Snapshot[] = [];
  // Names and labels are stored once per series, and each snapshot keeps only numbers: a
  // snapshot of 6000 samples takes about 54 kB instead of an estimated 1.5 MB as sample objects.
  const series = new Map<string, SeriesEntry>();

  const record = (at: number, samples: readonly Sample[]): void => {
    const ids: number[] = [];
    const values: number[] = [];
    for (const sample of samples) {
      const key = keyOf(sample);
      let entry = series.get(key);
      if (!entry) {
        if (series.size >= maxSeries) continue;
        entry = {
          id: series.size,
          sample: { name: sample.name, labels: { ...sample.labels }, value: 0 },
        };
        series.set(key, entry);
      }
      ids.push(entry.id);
      values.push(sample.value);
    }
    const snapshot = {
      at,
      values: new Float64Array(series.size),
      present: new Uint8Array(series.size),
    };
    ids.forEach((id, index) => {
      snapshot.values[id] = values[index] as number;
      snapshot.present[id] = 1;
    });
    if (ring.length > 0 && (ring[ring.length - 1] as Snapshot).at >= at) ring.pop();
    else if (spacing > step && ring.length > 1 && isProvisional(ring, spacing)) ring.pop();
    ring.push(snapshot);
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
      series.values(),
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
          series.values(),
          source.metric,
          source.matchers,
          source.quantile,
        );
      case 'gauge': {
        const snapshot = latestAt(ring, at);
        const { metric, matchers, aggregation } = source;
        return gaugeOf(snapshot, series.values(), metric, matchers, aggregation);
      }
    }
  };

  return { record, read, snapshots: () => ring.length };
}

export type SeriesWindow = ReturnType<typeof createSeriesWindow>;

function matches(sample: Sample, matchers: LabelMatchers | undefined): boolean {
  return Object.entries(matchers ?? {}).every(([name, value]) => sample.labels[name] === value);
}

/**
 * Returns whether the latest snapshot is closer than `spacing` to the one before it. Such a
 * snapshot only stands for the newest values until the next one replaces it.
 */
function isProvisional(ring: readonly Snapshot[], spacing: number): boolean {
  const latest = ring[ring.length - 1] as Snapshot;
  return latest.at - (ring[ring.length - 2] as Snapshot).at < spacing;
}

/** Returns the value of series `id` in a snapshot, or undefined when it had no sample then. */
function valueAt(snapshot: Snapshot, id: number): number | undefined {
  return id < snapshot.present.length && snapshot.present[id] === 1
    ? snapshot.values[id]
    : undefined;
}

function seriesIncrease(snapshots: readonly Snapshot[], id: number): number | null {
  let first: number | null = null;
  let previous = 0;
  let total = 0;
  let count = 0;
  for (const snapshot of snapshots) {
    const value = valueAt(snapshot, id);
    if (value === undefined) continue;
    count += 1;
    if (first === null) first = value;
    // A drop means the counter restarted from zero, as PromQL assumes.
    else total += value >= previous ? value - previous : value;
    previous = value;
  }
  return count >= 2 ? total : null;
}

function sumIncrease(
  snapshots: readonly Snapshot[],
  entries: Iterable<SeriesEntry>,
  filter: (sample: Sample) => boolean,
): number | null {
  return sumByKey(snapshots, entries, filter, () => '').get('') ?? null;
}

function sumByKey(
  snapshots: readonly Snapshot[],
  entries: Iterable<SeriesEntry>,
  filter: (sample: Sample) => boolean,
  group: (sample: Sample) => string,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { id, sample } of entries) {
    if (!filter(sample)) continue;
    const value = seriesIncrease(snapshots, id);
    if (value === null) continue;
    sums.set(group(sample), (sums.get(group(sample)) ?? 0) + value);
  }
  return sums;
}

function quantileOf(
  snapshots: readonly Snapshot[],
  entries: Iterable<SeriesEntry>,
  metric: string,
  matchers: LabelMatchers | undefined,
  quantile: number,
): number | null {
  const name = `${metric}_bucket`;
  const byLe = sumByKey(
    snapshots,
    entries,
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
  entries: Iterable<SeriesEntry>,
  metric: string,
  matchers: LabelMatchers | undefined,
  aggregation: 'min' | 'max' | 'sum' | 'avg',
): number | null {
  const values: number[] = [];
  for (const { id, sample } of snapshot ? entries : []) {
    if (sample.name !== metric || !matches(sample, matchers)) continue;
    const value = valueAt(snapshot as Snapshot, id);
    if (value !== undefined) values.push(value);
  }
  if (values.length === 0) return null;
  if (aggregation === 'min') return Math.min(...values);
  if (aggregation === 'max') return Math.max(...values);
  const sum = values.reduce((total, value) => total + value, 0);
  return aggregation === 'sum' ? sum : sum / values.length;
}
