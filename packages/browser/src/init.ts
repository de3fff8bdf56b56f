import { type FourSiteCatalog, fourSiteCatalog } from '@4site/monitor-business';
import {
  type Catalog,
  type CoreMonitor,
  createLogger,
  createMonitor,
  createNoopMonitor,
  DROP_REASONS,
  type Monitor,
  type MonitorStats,
} from '@4site/monitor-core';
import { type BrowserOptions, resolveTransportSettings } from './options';
import { type BeaconSink, createBeaconSink } from './transport/beacon-sink';

/**
 * The browser monitor: the core monitor with the beacon transport installed. Its `stats()`
 * also counts the events that the transport dropped after the monitor accepted them.
 */
export type BrowserMonitor<C extends Catalog = FourSiteCatalog> = CoreMonitor<C>;

// The monitor that initMonitor() opened; module state, set only by a call.
let current: BrowserMonitor<Catalog> | undefined;
let noopMonitor: Monitor<Catalog> | undefined;

/**
 * Starts the browser monitor with the 4site catalog, or returns the open one. A call while a
 * monitor is open returns that monitor unchanged and logs one warning. After `close()`, a call
 * starts a new monitor.
 */
export function initMonitor(options?: BrowserOptions<FourSiteCatalog>): BrowserMonitor;
/** Starts the browser monitor with a custom event catalog, or returns the open one. */
export function initMonitor<C extends Catalog>(
  options: BrowserOptions<C> & { catalog: C },
): BrowserMonitor<C>;
export function initMonitor(options: BrowserOptions<Catalog> = {}): BrowserMonitor<Catalog> {
  if (current && !current.closed) {
    current.logger.warnOnce(
      'initMonitor() was called while a monitor is open: returned the open monitor and ignored ' +
        'the new options. Call close() on it first to start one with other options.',
    );
    return current;
  }
  const monitor = createBrowserMonitor(options);
  current = monitor;
  return monitor;
}

/**
 * Returns the monitor that `initMonitor()` opened, or a monitor that does nothing before
 * `initMonitor()` and after `close()`, so code anywhere in the app can call it safely. The type
 * parameter is not checked against the catalog of the open monitor.
 */
export function getMonitor<C extends Catalog = FourSiteCatalog>(): Monitor<C> {
  if (current && !current.closed) return current as unknown as Monitor<C>;
  noopMonitor ??= createNoopMonitor();
  return noopMonitor as Monitor<C>;
}

function createBrowserMonitor(options: BrowserOptions<Catalog>): BrowserMonitor<Catalog> {
  const mode = options.mode ?? 'production';
  const logger = createLogger({ enabled: options.debug ?? false });
  const catalog = options.catalog ?? fourSiteCatalog;
  const settings = resolveTransportSettings(options, mode, logger);
  const sink = createBeaconSink({ ...settings, catalog, logger });

  const monitor = createMonitor({
    catalog,
    mode,
    logger,
    consent: options.consent ?? 'granted',
    sinks: [sink, ...(options.sinks ?? [])],
  });
  monitor.setContext('app', {
    service: options.service ?? '4site-web',
    environment: options.environment ?? 'production',
    ...(options.release ? { release: options.release } : {}),
  });
  logger.info(`Started the browser monitor; events go to ${settings.endpoint}.`);
  return withTransport(monitor, sink);
}

/**
 * Adds the transport's drops to `stats()`, and releases the monitor from `initMonitor()` as
 * soon as `close()` starts, so a later `initMonitor()` call starts a new one.
 */
function withTransport(monitor: CoreMonitor<Catalog>, sink: BeaconSink): BrowserMonitor<Catalog> {
  const coreStats = monitor.stats;
  const coreClose = monitor.close;
  return Object.assign(monitor, {
    stats: () => addDrops(coreStats(), sink.dropped()),
    close: (timeoutMillis?: number) => {
      if (current === monitor) current = undefined;
      return coreClose(timeoutMillis);
    },
  });
}

function addDrops(
  stats: MonitorStats,
  drops: Readonly<Partial<Record<string, number>>>,
): MonitorStats {
  const dropped = { ...stats.dropped };
  for (const reason of DROP_REASONS) dropped[reason] += drops[reason] ?? 0;
  return { accepted: stats.accepted, dropped };
}
