import { type FourSiteCatalog, fourSiteCatalog } from '@4site/monitor-business';
import {
  type Catalog,
  type CoreMonitor,
  createLogger,
  createMonitor,
  describeArgument,
  type Logger,
  MonitorError,
  type Sink,
} from '@4site/monitor-core';
import { Registry } from 'prom-client';
import type { NodeMonitorOptions } from './options';
import { warnIfLoadedTooLate } from './preload';
import { serveWorkerMetrics } from './prometheus/cluster';
import { registerDefaultMetrics } from './prometheus/default-metrics';
import { createPrometheusSink, registerDropCounter } from './prometheus/prometheus-sink';
import { registerVendorDropCounter } from './prometheus/vendor-drops';
import { safeWithRequest } from './safe-with-request';
import { installVendors } from './vendors/install-vendors';
import type { RequestInfo } from './vendors/sentry-sink';

/** The Node monitor: the shared Monitor API plus the Prometheus registry it owns. */
export interface NodeMonitor<C extends Catalog = FourSiteCatalog> extends CoreMonitor<C> {
  readonly service: string;
  readonly environment: string;
  readonly registry: Registry;
  /** Prefix of the business series, `foursite` by default. */
  readonly prefix: string;
  /**
   * Runs the handling of one request in its own error-reporting scope, so Sentry breadcrumbs
   * and request data stay with that request. `monitorMiddleware()` calls it for you.
   */
  withRequest<T>(request: RequestInfo, callback: () => T): T;
}

const PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// A global slot survives hot reloads that import this module again.
const CURRENT = Symbol.for('@4site/monitor-node/current');
type GlobalSlot = { [CURRENT]?: NodeMonitor<Catalog> };

/**
 * Creates the process-wide Node monitor. A second call while it is open returns the same monitor
 * and warns once, so double initialisation never duplicates a series.
 */
export function initMonitor<C extends Catalog = FourSiteCatalog>(
  options: NodeMonitorOptions<C> = {},
): NodeMonitor<C> {
  const slot = globalThis as GlobalSlot;
  const current = slot[CURRENT];
  if (current && !current.closed) {
    current.logger.warnOnce('initMonitor() was called again; returning the running monitor.');
    return current as unknown as NodeMonitor<C>;
  }
  const monitor = createNodeMonitor(options);
  slot[CURRENT] = monitor as unknown as NodeMonitor<Catalog>;
  return monitor;
}

/** Returns the monitor that `initMonitor()` created, if it is still open. */
export function getMonitor<C extends Catalog = FourSiteCatalog>(): NodeMonitor<C> | undefined {
  const current = (globalThis as GlobalSlot)[CURRENT];
  return current && !current.closed ? (current as unknown as NodeMonitor<C>) : undefined;
}

/** Creates an independent Node monitor with its own registry, for tests and multi-tenant hosts. */
export function createNodeMonitor<C extends Catalog = FourSiteCatalog>(
  options: NodeMonitorOptions<C> = {},
): NodeMonitor<C> {
  const prometheus = options.prometheus ?? {};
  const prefix = prometheus.prefix ?? 'foursite';
  if (!PREFIX.test(prefix)) {
    throw new MonitorError(
      `Invalid prometheus.prefix "${prefix}": use letters, digits and underscores, not starting with a digit (for example "foursite").`,
    );
  }
  checkIdentity(options);
  const catalog = (options.catalog ?? fourSiteCatalog) as C;
  const logger = createLogger({
    enabled: options.debug ?? false,
    ...(options.logWriter ? { writer: options.logWriter } : {}),
  });
  const registry = prometheus.registry ?? new Registry();
  if (prometheus.defaultLabels) {
    registry.setDefaultLabels(checkDefaultLabels(prometheus.defaultLabels));
  }
  if (prometheus.defaultMetrics ?? true) registerDefaultMetrics(registry);

  const maxLabelValues = positiveInteger(
    prometheus.maxLabelValues,
    100,
    'prometheus.maxLabelValues',
  );
  const cleanups: ((timeoutMillis: number) => unknown)[] = [];
  const core = createMonitor({
    catalog,
    logger,
    sinks: [createPrometheusSink({ registry, catalog, prefix, logger, maxLabelValues })],
    ...pick(options, ['mode', 'consent', 'dedupe', 'now']),
  });
  registerDropCounter(registry, core, prefix);
  if (prometheus.cluster ?? true) cleanups.push(serveWorkerMetrics(registry));
  core.addSink(createRuntimeSink(cleanups, logger));

  const service = options.service ?? '4site-api';
  const environment = options.environment ?? process.env.NODE_ENV ?? 'production';
  const release = options.release;
  const vendors = installVendors(core, {
    ...{ service, environment, release, prefix, catalog, logger },
    sentry: options.sentry,
    datadog: options.datadog,
    drops: registerVendorDropCounter(registry, prefix),
  });
  if (vendors.patchesModules) warnIfLoadedTooLate(logger);
  logger.info(`Started the monitor for ${service} (${environment}).`);
  return Object.assign(core, {
    service,
    environment,
    registry,
    prefix,
    withRequest: safeWithRequest(vendors.withRequest, core.mode),
  });
}

/** Creates a sink that releases the Node monitor's listeners and timers when it closes. */
function createRuntimeSink(cleanups: ((timeoutMillis: number) => unknown)[], logger: Logger): Sink {
  return {
    name: 'node-runtime',
    async close(timeoutMillis) {
      for (const cleanup of cleanups.splice(0)) {
        try {
          await cleanup(timeoutMillis);
        } catch (error) {
          logger.error('Releasing a monitor resource failed.', error);
        }
      }
      return true;
    },
  };
}

const MAX_NAME_LENGTH = 200;

// These names label every metric and vendor event. A number or an object here would reach
// Prometheus labels and Sentry tags in whatever form it converts to.
function checkIdentity(options: NodeMonitorOptions<Catalog>): void {
  for (const name of ['service', 'environment', 'release'] as const) {
    const value: unknown = options[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
      throw new MonitorError(
        `Invalid ${name} ${describeArgument(value)}: use a non-empty string of at most ${MAX_NAME_LENGTH} characters.`,
      );
    }
  }
  // An empty DSN turns Sentry off, as in Sentry's own SDK, so `dsn: process.env.SENTRY_DSN ?? ''`
  // works; any other type is a mistake.
  const dsn: unknown = options.sentry?.dsn;
  if (options.sentry && dsn !== undefined && typeof dsn !== 'string') {
    throw new MonitorError(
      `Invalid sentry.dsn ${describeArgument(dsn)}: use the DSN string of the Sentry project, or an empty string to turn Sentry off.`,
    );
  }
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 1) return value;
  throw new MonitorError(`Invalid ${option} ${String(value)}: use a whole number from 1.`);
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkDefaultLabels(labels: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      throw new MonitorError(
        `Invalid prometheus.defaultLabels name "${name}": use letters, digits and underscores, not starting with a digit or "__".`,
      );
    }
    if (typeof value !== 'string') {
      throw new MonitorError(
        `Invalid prometheus.defaultLabels value for "${name}": use a string, not ${typeof value}.`,
      );
    }
  }
  return { ...labels };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) {
    if (source[key] !== undefined) picked[key] = source[key];
  }
  return picked;
}
