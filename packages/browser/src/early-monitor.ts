import type { Catalog, ConsentState, MonitorMode, MonitorUser } from '@4site/monitor-core';
import { DROP_REASONS, type DropReason } from '@4site/monitor-core/basics';
import type { LandingPage } from './attribution/landing-page';
import { type CheckedOptions, checkBrowserOptions } from './check-options';
import { createDeferredLogger, type DeferredLogger } from './deferred-logger';
import type { BrowserMonitor, BrowserMonitorStats } from './init';
import type { BrowserOptions } from './options';
import type { VendorStates } from './vendors/start-vendors';
import { createVendorDropCounter } from './vendors/vendor-drops';

/** Calls that wait for the monitor's code to load; later calls are dropped. */
export const MAX_EARLY_CALLS = 1000;

type Runtime = BrowserMonitor<Catalog>;
type Call = (runtime: Runtime) => void;
/** What the code loaded after start-up receives from the monitor that `initMonitor()` returned. */
export interface EarlyState {
  readonly options: BrowserOptions<Catalog>;
  readonly checked: CheckedOptions;
  readonly landing: LandingPage;
  readonly logger: DeferredLogger;
}

type Load = (early: EarlyState) => Promise<Runtime>;

/**
 * Returns the monitor at once and loads the code behind it: validation, the catalog, the
 * transport and the vendors. The page thus downloads and parses only a few kilobytes before it
 * renders. Calls made until the code has loaded, usually a few milliseconds, wait in a queue of
 * at most 1000 calls and run in order. In development mode a MonitorError from one of them is
 * reported as an uncaught error, because the call that caused it has returned.
 */
export function createEarlyMonitor(
  options: BrowserOptions<Catalog>,
  landing: LandingPage,
  load: Load,
  release: (monitor: BrowserMonitor<Catalog>) => void,
): BrowserMonitor<Catalog> {
  const logger = createDeferredLogger(options.debug === true);
  const checked = checkBrowserOptions(options, logger);
  const mode = checked.mode;
  const dropped = zeroDrops();
  let runtime: Runtime | undefined;
  let failed = false;
  let closed = false;
  let calls: Call[] = [];

  const call = (work: Call): void => {
    if (runtime) work(runtime);
    else if (failed) return;
    else if (calls.length < MAX_EARLY_CALLS) calls.push(work);
    else {
      dropped.queue_full++;
      logger.warnOnce('Dropped calls made before the monitor loaded: more than 1000 waited.');
    }
  };

  const monitor: BrowserMonitor<Catalog> = {
    get mode() {
      return runtime?.mode ?? mode;
    },
    logger,
    get closed() {
      return closed;
    },
    get attribution() {
      return runtime?.attribution;
    },
    ready: Promise.resolve(false),
    vendors: Promise.resolve({ sentry: 'off', datadog: 'off' }),
    track(name, properties) {
      const copied = copy(properties);
      call((target) => target.track(name, copied));
    },
    captureError: (error, context) => call((target) => target.captureError(error, context)),
    identify: (user: MonitorUser | null) => call((target) => target.identify(user)),
    setContext(name, context) {
      const copied = copy(context);
      call((target) => target.setContext(name, copied));
    },
    setConsent: (consent: ConsentState) => call((target) => target.setConsent(consent)),
    setPage: (template) => call((target) => target.setPage(template)),
    stats: () => withEarlyDrops(runtime?.stats(), dropped),
    flush: async (timeoutMillis) => {
      const target = await loaded;
      return target ? target.flush(timeoutMillis) : calls.length === 0;
    },
    close(timeoutMillis) {
      if (!closed) release(monitor);
      closed = true;
      return loaded.then((target) => (target ? target.close(timeoutMillis) : true));
    },
  };

  const loaded = load({ options, checked, landing, logger }).then(
    (target) => {
      runtime = target;
      replay(calls, target, mode);
      calls = [];
      return target;
    },
    (error: unknown) => {
      failed = true;
      dropped.sink_error += calls.length;
      calls = [];
      logger.warn('The monitor could not start, so this page sends no events.', error);
      report(error, mode);
      return undefined;
    },
  );
  Object.assign(monitor, {
    ready: loaded.then(Boolean),
    vendors: loaded.then((target) => target?.vendors ?? failedVendors(checked)),
  });
  return monitor;
}

function replay(calls: readonly Call[], target: Runtime, mode: MonitorMode): void {
  for (const work of calls) {
    try {
      work(target);
    } catch (error) {
      report(error, mode);
    }
  }
}

// Only development mode reaches the host app with an error, as an uncaught one, because the call
// that caused it returned before the monitor's code loaded.
function report(error: unknown, mode: MonitorMode): void {
  if (mode !== 'development') return;
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

// A shallow copy, so an app that reuses or changes an object after the call sends what it passed.
function copy<T>(value: T): T {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? ({ ...value } as T)
    : value;
}

function zeroDrops(): Record<DropReason, number> {
  return Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<
    DropReason,
    number
  >;
}

function withEarlyDrops(
  stats: BrowserMonitorStats | undefined,
  early: Readonly<Record<DropReason, number>>,
): BrowserMonitorStats {
  const dropped: Record<DropReason, number> = { ...early };
  for (const reason of DROP_REASONS) dropped[reason] += stats?.dropped[reason] ?? 0;
  return {
    accepted: stats?.accepted ?? 0,
    dropped,
    vendorDropped: stats?.vendorDropped ?? createVendorDropCounter().snapshot(),
  };
}

function failedVendors(checked: CheckedOptions): VendorStates {
  return {
    sentry: checked.sentry ? 'failed' : 'off',
    datadog: checked.datadog ? 'failed' : 'off',
  };
}
