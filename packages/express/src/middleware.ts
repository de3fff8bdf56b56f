import type { ServerResponse } from 'node:http';
import { createLabelLimiter, ensureMetric } from '@4site/monitor-node';
import { Histogram } from 'prom-client';
import type { Handler, MonitoredRequest } from './http-types';
import { integerOption } from './ingest/check-options';
import type { MonitorLike } from './monitor-like';
import { checkPlacement, markHandler } from './placement';
import { routeTemplate } from './route';

/** Options of `monitorMiddleware()`. */
export interface MiddlewareOptions {
  /**
   * Distinct `route` label values before the rest share the value `other`, an integer from 1;
   * anything else throws a MonitorError. Default: 100.
   */
  maxRoutes?: number;
  /** Histogram buckets in seconds. Default: the OpenTelemetry HTTP server buckets. */
  buckets?: number[];
}

export const HTTP_DURATION_METRIC = 'http_server_request_duration_seconds';
// The buckets that the OpenTelemetry semantic conventions advise for this histogram.
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
]);
// Requests already timed, so a second mount does not time them again. A WeakSet rather than a
// property on the request or the response: in two same-run comparisons under wrk (Node 20, 2
// cores), a symbol property set on each response cost an estimated 5 us of server CPU per request,
// more than this WeakSet. NOTE: the cause is not known; both objects keep fast properties in V8.
const timed = new WeakSet<object>();

type Observer = { observe(value: number): void };
type DurationLabels = { method: string; route: string; status_code: string };

// prom-client 15 keeps each series of a histogram in `hashMap` as per-bucket (not cumulative)
// counts keyed by upper bound, with a sum and a count, and builds the exposition from them.
// NOTE: these fields are private to prom-client; check them again when upgrading it past 15.1.
interface SeriesValues {
  readonly labels: object;
  readonly bucketValues: Record<number, number>;
  sum: number;
  count: number;
}
type HistogramState = Histogram<string> & {
  readonly hashMap: Record<string, SeriesValues>;
  readonly upperBounds: readonly number[];
};

/** Durations of one series that wait in plain numbers until the next scrape. */
interface PendingSeries {
  readonly key: string;
  readonly labels: DurationLabels;
  readonly buckets: Float64Array;
  count: number;
  sum: number;
  values?: SeriesValues;
}

// Functions that move pending durations into a histogram, by histogram, so that every middleware
// that shares the metric flushes when it is scraped.
const flushersByHistogram = new WeakMap<object, Set<() => void>>();

function collectPendingDurations(this: Histogram<string>): void {
  for (const flush of flushersByHistogram.get(this) ?? []) flush();
}

/**
 * Records `http_server_request_duration_seconds` by method, route template and status code.
 * Mount it before the routes. Mounting it twice times each request once.
 */
export function monitorMiddleware(monitor: MonitorLike, options: MiddlewareOptions = {}): Handler {
  const histogram = ensureMetric(monitor.registry, HTTP_DURATION_METRIC, () => {
    const created = new Histogram({
      name: HTTP_DURATION_METRIC,
      help: 'Duration of HTTP server requests.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: options.buckets ?? DEFAULT_BUCKETS,
      registers: [],
      collect: collectPendingDurations,
    });
    flushersByHistogram.set(created, new Set());
    return created;
  });
  const limitRoute = createLabelLimiter(integerOption('maxRoutes', options.maxRoutes, 100));
  // Status codes are three digits, but a handler may set any number; keep them bounded too.
  const limitStatus = createLabelLimiter(60);
  const record = recorderFor(histogram as HistogramState);

  const observe = (req: MonitoredRequest, res: ServerResponse, seconds: number): void => {
    const method = KNOWN_METHODS.has(req.method ?? '') ? (req.method as string) : '_OTHER';
    const route = limitRoute(routeTemplate(req));
    const status = limitStatus(String(res.statusCode));
    record(method, route, status, seconds);
  };

  const handler: Handler = (req, res, next) => {
    checkPlacement(req, monitor.logger);
    if (timed.has(req)) return next();
    timed.add(req);
    const start = performance.now();
    // Node's HTTP server emits 'close' on every response, one tick after 'finish', or alone when
    // the connection drops before the response ends. One listener therefore runs once per
    // request. It costs less than a 'finish' listener, which joins Node's own in an array.
    res.on('close', () => {
      try {
        observe(req, res, (performance.now() - start) / 1000);
      } catch (error) {
        monitor.logger.error('Recording the request duration failed.', error);
      }
    });
    // Gives the request its own context, so breadcrumbs and request data stay with it.
    monitor.withRequest(req, next);
  };
  return markHandler(handler, 'middleware');
}

type Recorder = (method: string, route: string, status: string, seconds: number) => void;

/**
 * Returns a function that records one duration. prom-client's labelled `observe()` hashes the
 * label object on every call, even through a cached child, so the durations wait in typed arrays
 * and move into the histogram in its `collect` callback, which prom-client runs before each
 * scrape. The exposition stays the same, except that a sum may differ in its last digits because
 * the additions happen in another order. A histogram that the app registered under this name
 * without that callback gets each duration at once instead.
 */
function recorderFor(histogram: HistogramState): Recorder {
  // Bounded: methods are a closed set, routes are capped and status codes are three digits.
  const series = new Map<string, PendingSeries>();
  const flushers = flushersByHistogram.get(histogram);
  const bounds = histogram.upperBounds;
  if (!flushers) {
    const directChildren = new Map<string, Observer>();
    return (method, route, status, seconds) => {
      const key = `${method} ${status} ${route}`;
      let child = directChildren.get(key);
      if (!child) {
        child = histogram.labels(method, route, status) as Observer;
        directChildren.set(key, child);
      }
      child.observe(seconds);
    };
  }
  // reset() replaces the hash map. Durations still pending then predate the reset, so they are
  // dropped as prom-client dropped its own, and the remembered series records are stale.
  let knownHashMap: object = histogram.hashMap;
  const checkReset = (): void => {
    if (histogram.hashMap === knownHashMap) return;
    knownHashMap = histogram.hashMap;
    for (const entry of series.values()) {
      entry.values = undefined;
      entry.buckets.fill(0);
      entry.count = 0;
      entry.sum = 0;
    }
  };
  flushers.add(() => {
    checkReset();
    flushPending(histogram, series);
  });
  // Series by route, then status, then method. Looking up label values that already exist, whose
  // string hashes V8 caches, costs less than building and hashing a joined key per request.
  const byRoute = new Map<string, Map<string, Map<string, PendingSeries>>>();
  const seriesOf = (method: string, route: string, status: string): PendingSeries => {
    let byStatus = byRoute.get(route);
    if (!byStatus) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let byMethod = byStatus.get(status);
    if (!byMethod) {
      byMethod = new Map();
      byStatus.set(status, byMethod);
    }
    let entry = byMethod.get(method);
    if (!entry) {
      const key = `${method} ${status} ${route}`;
      const labels = { method, route, status_code: status };
      entry = { key, labels, buckets: new Float64Array(bounds.length), count: 0, sum: 0 };
      byMethod.set(method, entry);
      series.set(key, entry);
    }
    return entry;
  };
  return (method, route, status, seconds) => {
    checkReset();
    const entry = seriesOf(method, route, status);
    entry.count++;
    entry.sum += seconds;
    // Same rule as prom-client: the first bucket whose upper bound is at least the value.
    let bucket = 0;
    while (bucket < bounds.length && seconds > (bounds[bucket] as number)) bucket++;
    if (bucket < bounds.length) (entry.buckets[bucket] as number)++;
  };
}

/** Adds each series' pending durations to prom-client's values of that series. */
function flushPending(histogram: HistogramState, series: Map<string, PendingSeries>): void {
  const unattached = [...series.values()].filter((entry) => entry.count > 0 && !entry.values);
  if (unattached.length > 0) attachValues(histogram, unattached);
  const bounds = histogram.upperBounds;
  for (const entry of series.values()) {
    const values = entry.values;
    if (entry.count === 0 || !values) continue;
    values.count += entry.count;
    values.sum += entry.sum;
    for (let i = 0; i < bounds.length; i++) {
      const bound = bounds[i] as number;
      values.bucketValues[bound] = (values.bucketValues[bound] ?? 0) + (entry.buckets[i] as number);
    }
    entry.buckets.fill(0);
    entry.count = 0;
    entry.sum = 0;
  }
}

// Finds prom-client's record of each series, creating the missing ones at 0 with zero().
function attachValues(histogram: HistogramState, entries: PendingSeries[]): void {
  let index = indexValues(histogram);
  const missing = entries.filter((entry) => !index.has(entry.key));
  for (const entry of missing) histogram.zero(entry.labels);
  if (missing.length > 0) index = indexValues(histogram);
  for (const entry of entries) entry.values = index.get(entry.key);
}

function indexValues(histogram: HistogramState): Map<string, SeriesValues> {
  const index = new Map<string, SeriesValues>();
  for (const values of Object.values(histogram.hashMap)) {
    const labels = values.labels as Partial<DurationLabels>;
    index.set(`${labels.method} ${labels.status_code} ${labels.route}`, values);
  }
  return index;
}
