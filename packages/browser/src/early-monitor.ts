import type { Catalog, ConsentState, Logger, MonitorMode, MonitorUser } from '@4site/monitor-core';
import { DROP_REASONS, type DropReason } from '@4site/monitor-core/basics';
import type { LandingPage } from './attribution/landing-page';
import { type CheckedOptions, checkBrowserOptions } from './check-options';
import { createDeferredLogger, type DeferredLogger } from './deferred-logger';
import { createEarlyCalls } from './early-calls';
import type { BrowserMonitor, BrowserMonitorStats } from './init';
import type { BrowserOptions } from './options';
import type { VendorStates } from './vendors/start-vendors';
import { createVendorDropCounter } from './vendors/vendor-drops';

/** State that the code loaded after start-up receives from the monitor of `initMonitor()`. */
export interface EarlyState {
  readonly options: BrowserOptions<Catalog>;
  readonly checked: CheckedOptions;
  readonly landing: LandingPage;
  readonly logger: DeferredLogger;
}

type Runtime = BrowserMonitor<Catalog>;
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
  const early = createEarlyCalls(checked.consent);
  let runtime: Runtime | undefined;
  let failed = false;
  let closed = false;

  const warnFull = (what: string): void => {
    logger.warnOnce(`Dropped ${what} made before the monitor loaded: more than 1000 waited.`);
  };
  const call = (work: (target: Runtime) => void): void => {
    if (runtime) work(runtime);
    else if (!failed && !early.push(work)) warnFull('calls');
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
      if (runtime) return runtime.track(name, properties);
      if (failed) return;
      const copied = copy(properties);
      if (early.pushEvent((target) => target.track(name, copied), name, copied)) return;
      dropped.queue_full++;
      warnFull('events');
    },
    captureError: (error, context) => call((target) => target.captureError(error, context)),
    identify: (user: MonitorUser | null) => call((target) => target.identify(user)),
    setContext(name, context) {
      if (runtime) return runtime.setContext(name, context);
      const copied = copy(context);
      call((target) => target.setContext(name, copied));
    },
    setConsent(consent: ConsentState) {
      if (!runtime) early.setConsent(consent);
      call((target) => target.setConsent(consent));
    },
    setPage: (template) => call((target) => target.setPage(template)),
    stats: () => withEarlyDrops(runtime?.stats(), dropped),
    // After a failed load, true only when no event was lost with the code.
    flush: async (timeoutMillis) => {
      const target = await loaded;
      return target ? target.flush(timeoutMillis) : dropped.sink_error === 0;
    },
    close(timeoutMillis) {
      if (!closed) release(monitor);
      closed = true;
      return loaded.then((target) =>
        target ? target.close(timeoutMillis) : dropped.sink_error === 0,
      );
    },
  };

  const loaded = load({ options, checked, landing, logger }).then(
    (target) => {
      runtime = target;
      replay(early.drain(), target, mode, logger);
      return target;
    },
    (error: unknown) => {
      failed = true;
      dropped.sink_error += early.discard();
      logger.warn('The monitor could not start, so this page sends no events.', error);
      report(error, mode, logger);
      return undefined;
    },
  );
  Object.assign(monitor, {
    ready: loaded.then(Boolean),
    vendors: loaded.then((target) => target?.vendors ?? failedVendors(checked)),
  });
  return monitor;
}

function replay(
  calls: readonly ((target: Runtime) => void)[],
  target: Runtime,
  mode: MonitorMode,
  logger: Logger,
): void {
  for (const work of calls) {
    try {
      work(target);
    } catch (error) {
      report(error, mode, logger);
    }
  }
}

// Only development mode reaches the host app with an error, as an uncaught one, because the call
// that caused it returned before the monitor's code loaded. Where there is no reportError(), as
// in Node 20 during server rendering, an uncaught error would end the process, so it is logged.
function report(error: unknown, mode: MonitorMode, logger: Logger): void {
  if (mode !== 'development') return;
  if (typeof reportError === 'function') reportError(error);
  else logger.warnOnce(`An earlier call failed: ${String(error)}`);
}

// A shallow copy of a plain object, so an app that reuses or changes it after a queued call sends
// what it passed. Other values, such as class instances whose getters live on the prototype, and
// objects whose getters throw, pass as they are and are validated when the call runs.
function copy<T>(value: T): T {
  try {
    if (value === null || typeof value !== 'object') return value;
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    return { ...value } as T;
  } catch {
    return value;
  }
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
