import type {
  Catalog,
  ConsentState,
  DedupeOptions,
  LogWriter,
  MonitorMode,
} from '@4site/monitor-core';
import type { Registry } from 'prom-client';
import type { DatadogOptions } from './vendors/datadog';
import type { SentryOptions } from './vendors/sentry-options';

/** Prometheus settings of the Node monitor. */
export interface PrometheusOptions {
  /** Prefix of every business series. Must match `[a-zA-Z_][a-zA-Z0-9_]*`. Default: `foursite`. */
  prefix?: string;
  /** Registry to register into. Default: a new registry that belongs to the monitor. */
  registry?: Registry;
  /** Collects prom-client's default process and Node.js metrics. Default: true. */
  defaultMetrics?: boolean;
  /** Static labels added to every series, such as `{ instance: 'api-1' }`. Default: none. */
  defaultLabels?: Record<string, string>;
  /**
   * Distinct values that one label of a business series keeps before later values share
   * `other`. From 1. Default: 100.
   */
  maxLabelValues?: number;
  /**
   * In a `node:cluster` worker, responds to the primary's `createClusterMetrics()` with this
   * registry. Default: true (it does nothing outside a worker).
   */
  cluster?: boolean;
}

/** Options of `initMonitor()` for Node. */
export interface NodeMonitorOptions<C extends Catalog> {
  /** Name of the service in every vendor. Default: `4site-api`. */
  service?: string;
  /** Default: `process.env.NODE_ENV`, or `production` when unset. */
  environment?: string;
  /** Version of the deployed code. Default: none. */
  release?: string;
  /** Event catalog. Default: the 4site catalog from `@4site/monitor-business`. */
  catalog?: C;
  /** Logs what the SDK does. Default: false. */
  debug?: boolean;
  /** `development` throws bad input back to the caller; `production` logs and counts it. Default: `production`. */
  mode?: MonitorMode;
  /** Default: `granted`, because server-side events are first-party records. */
  consent?: ConsentState;
  prometheus?: PrometheusOptions;
  /** Sentry error capture; needs `@sentry/node` 11. Default: off. */
  sentry?: SentryOptions;
  /** DataDog APM through dd-trace and business metrics through DogStatsD. Default: off. */
  datadog?: DatadogOptions;
  /** Idempotency window for events with a key. Default: 10000 keys for 24 hours. */
  dedupe?: DedupeOptions;
  /** Clock in milliseconds since the Unix epoch, for tests. Default: `Date.now`. */
  now?: () => number;
  /** Writer of the debug logger's lines, for tests. Default: `console`. */
  logWriter?: LogWriter;
}
