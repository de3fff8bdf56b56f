import type { Catalog } from '@4site/monitor-core';
import { Counter, Histogram } from 'prom-client';
import type { NodeMonitor } from '../init';
import { ensureMetric } from '../prometheus/ensure-metric';
import { createLabelLimiter } from '../prometheus/label-limiter';
import { capHistogram } from '../prometheus/labelled';

/** The part of a `pg` Pool (or Client) that the wrapper calls. */
export interface PgQueryable {
  query(...args: never[]): Promise<unknown>;
}

/** SQL text, or a `pg` query config such as `{ text, values, name }`. */
export type PgQuery = string | { text: string; values?: readonly unknown[]; name?: string };

/** The result of a `pg` query, with the fields that the wrapper reads. */
export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** Options of `monitorPool()`. */
export interface PgMonitorOptions {
  /** Distinct operation names before the rest share `other`. Default: 100. */
  maxOperations?: number;
  /** Histogram buckets in seconds. Default: 1 ms to 10 s, with an edge at 1 s. */
  buckets?: number[];
}

/** A pool whose queries are timed by the operation name that the app gives. */
export interface MonitoredPool<P extends PgQueryable> {
  readonly pool: P;
  /** Runs `pool.query(query, values)` and records its duration under `operation`, never the SQL. */
  query<R = PgResult>(operation: string, query: PgQuery, values?: readonly unknown[]): Promise<R>;
  /** Times any database work, such as a transaction on a client from `pool.connect()`. */
  timed<T>(operation: string, work: () => Promise<T>): Promise<T>;
  /** A readiness check for `/health`: `SELECT 1` on the pool. */
  healthCheck(): Promise<void>;
}

const DEFAULT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Wraps a `pg` pool so each query is recorded in `<prefix>_db_query_duration_seconds{operation}`
 * and each failure in `<prefix>_db_query_errors_total{operation}`. The operation is a name the
 * app chooses, such as `sites.find`; the SQL text never becomes a label.
 */
export function monitorPool<P extends PgQueryable>(
  monitor: NodeMonitor<Catalog>,
  pool: P,
  options: PgMonitorOptions = {},
): MonitoredPool<P> {
  const maxOperations = options.maxOperations ?? 100;
  const durationName = `${monitor.prefix}_db_query_duration_seconds`;
  const errorName = `${monitor.prefix}_db_query_errors_total`;
  const histogram = ensureMetric(monitor.registry, durationName, () => {
    const help = 'Duration of database queries by operation.';
    const buckets = options.buckets ?? DEFAULT_BUCKETS;
    return new Histogram({
      name: durationName,
      help,
      labelNames: ['operation'],
      buckets,
      registers: [],
    });
  });
  const errors = ensureMetric(monitor.registry, errorName, () => {
    const help = 'Database queries that failed, by operation.';
    return new Counter({ name: errorName, help, labelNames: ['operation'], registers: [] });
  });
  const durations = capHistogram(histogram, ['operation'], maxOperations);
  const limitErrors = createLabelLimiter(maxOperations);
  const run = (...args: unknown[]) =>
    (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);

  const timed = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } catch (error) {
      errors.labels(limitErrors(operation)).inc();
      throw error;
    } finally {
      durations.observe({ operation }, (performance.now() - started) / 1000);
    }
  };
  return {
    pool,
    query: (operation, query, values) => {
      const args = values === undefined ? [query] : [query, values];
      return timed(operation, () => run(...args)) as never;
    },
    timed,
    healthCheck: async () => {
      await run('SELECT 1');
    },
  };
}
