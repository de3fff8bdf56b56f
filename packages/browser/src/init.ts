import type { FourSiteCatalog } from '@4site/monitor-business';
import type { Catalog, Monitor, MonitorMode } from '@4site/monitor-core';
import { createNoopMonitor, type Logger, type MonitorStats } from '@4site/monitor-core/basics';
import type { LandingAttribution } from './attribution/landing-attribution';
import { readLandingPage } from './attribution/landing-page';
import { createEarlyMonitor } from './early-monitor';
import type { BrowserOptions } from './options';
import type { VendorStates } from './vendors/start-vendors';
import type { VendorDrops } from './vendors/vendor-drops';

/** Counts of the browser monitor: the core's, plus the items that vendor SDKs dropped. */
export interface BrowserMonitorStats extends MonitorStats {
  /**
   * Items that each vendor SDK gave up on, by reason. Sentry: envelope items lost to network
   * errors, error statuses, rate limits and its full send buffer. DataDog RUM 7 reports no drops
   * to the page, so its counts stay 0.
   */
  readonly vendorDropped: VendorDrops;
}

/**
 * The browser monitor that `initMonitor()` returns at once. Its code (validation, the catalog, the
 * transport and the vendors) loads right after, so calls made before `ready` resolves wait and run
 * in order. Its `stats()` also counts the events that the transport dropped after the monitor
 * accepted them.
 */
export interface BrowserMonitor<C extends Catalog = FourSiteCatalog> extends Monitor<C> {
  readonly mode: MonitorMode;
  /** The SDK's debug logger, which writes to the console only with the `debug` option. */
  readonly logger: Logger;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /**
   * Resolves to true once the monitor's code has loaded and the calls made before then have run,
   * or to false when that code failed to load, for example after a deploy removed the old chunk.
   * Then calls do nothing and the waiting calls count as dropped (`sink_error`). Never rejects.
   * In development mode, invalid input throws from the call itself only after this.
   */
  readonly ready: Promise<boolean>;
  /**
   * Landing attribution of this session: channel, UTM values and referral code of its first page.
   * Undefined until `ready` resolves to true.
   */
  readonly attribution: LandingAttribution | undefined;
  /** States of Sentry and DataDog once their dynamic imports settled. Never rejects. */
  readonly vendors: Promise<VendorStates>;
  /**
   * Sets the route template of the current page, such as `/sites/:id`, for later web vitals.
   * Route tracking calls it on each navigation. Default: the path with id-like segments
   * replaced by `:id`.
   */
  setPage(template: string): void;
  /** Counts of accepted and dropped events, and of the items that vendor SDKs dropped. */
  stats(): BrowserMonitorStats;
}

// The open monitor lives on globalThis rather than in module state, so a second copy of this
// module (a hot reload, or two bundles on one page) finds it and each vendor starts once.
const OPEN_MONITOR = Symbol.for('4site.monitor.browser');
type MonitorHolder = { [OPEN_MONITOR]?: BrowserMonitor<Catalog> };
const holder = globalThis as MonitorHolder;
let noopMonitor: Monitor<Catalog> | undefined;

function openMonitor(): BrowserMonitor<Catalog> | undefined {
  const monitor = holder[OPEN_MONITOR];
  return monitor && !monitor.closed ? monitor : undefined;
}

/**
 * Starts the browser monitor with the 4site catalog, or returns the open one. A call while a
 * monitor is open returns that monitor unchanged and logs one warning, so React StrictMode and
 * hot reloads start each vendor once. After `close()`, a call starts a new monitor.
 */
export function initMonitor(options?: BrowserOptions<FourSiteCatalog>): BrowserMonitor;
/** Starts the browser monitor with a custom event catalog, or returns the open one. */
export function initMonitor<C extends Catalog>(
  options: BrowserOptions<C> & { catalog: C },
): BrowserMonitor<C>;
export function initMonitor(options: BrowserOptions<Catalog> = {}): BrowserMonitor<Catalog> {
  const open = openMonitor();
  if (open) {
    open.logger.warnOnce(
      'initMonitor() was called while a monitor is open: returned the open monitor and ignored ' +
        'the new options. Call close() on it first to start one with other options.',
    );
    return open;
  }
  const monitor = createEarlyMonitor(options, readLandingPage(), loadRuntime, (closing) => {
    if (holder[OPEN_MONITOR] === closing) delete holder[OPEN_MONITOR];
  });
  holder[OPEN_MONITOR] = monitor;
  return monitor;
}

// The rest of the monitor is a chunk of its own, which the page fetches after start-up.
const loadRuntime: Parameters<typeof createEarlyMonitor>[2] = (early) =>
  import('./create-browser-monitor').then(({ createBrowserMonitor }) =>
    createBrowserMonitor(early),
  );

/**
 * Returns the monitor that `initMonitor()` opened, or a monitor that does nothing before
 * `initMonitor()` and after `close()`, so code anywhere in the app can call it safely. The type
 * parameter is not checked against the catalog of the open monitor.
 */
export function getMonitor<C extends Catalog = FourSiteCatalog>(): Monitor<C> {
  const open = openMonitor();
  if (open) return open as unknown as Monitor<C>;
  noopMonitor ??= createNoopMonitor();
  return noopMonitor as Monitor<C>;
}
