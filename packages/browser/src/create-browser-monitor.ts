import { fourSiteCatalog } from '@4site/monitor-business';
import {
  type Catalog,
  type ConsentState,
  type CoreMonitor,
  createLogger,
  createMonitor,
  DROP_REASONS,
  type Logger,
  MonitorError,
  type MonitorMode,
  type MonitorStats,
} from '@4site/monitor-core';
import { captureLandingAttribution } from './attribution/landing-attribution';
import type { BrowserMonitor } from './init';
import { type BrowserOptions, resolveTransportSettings } from './options';
import { createBeaconSink } from './transport/beacon-sink';
import { createQueueStore } from './transport/queue-store';
import { startVendors } from './vendors/start-vendors';
import { createReportFilter, type VendorContext } from './vendors/vendor-context';
import { createVendorDropCounter } from './vendors/vendor-drops';
import type { ApiOrigin } from './vendors/vendor-options';
import { toPageTemplate } from './web-vitals/page-template';

// Events whose vendor copies carry the landing attribution: the visit and the session's leads.
// The ingest endpoint takes only catalog properties, where the attribution is the channel.
const ATTRIBUTED_EVENTS = new Set(['visit', 'lead']);
// Element selectors of recent web vitals, kept for the vendors; older entries are forgotten.
const MAX_VITAL_TARGETS = 20;

/** Builds the browser monitor; `release` runs when its `close()` starts. */
export function createBrowserMonitor(
  options: BrowserOptions<Catalog>,
  release: (monitor: BrowserMonitor<Catalog>) => void,
): BrowserMonitor<Catalog> {
  const logger = createLogger({ enabled: options.debug ?? false });
  const mode = browserMode(options.mode, logger);
  const catalog = options.catalog ?? fourSiteCatalog;
  const settings = resolveTransportSettings(options, mode, logger);
  const attribution = captureLandingAttribution();
  const attributionFor = (name: string) =>
    ATTRIBUTED_EVENTS.has(name) ? (attribution as unknown as Record<string, unknown>) : undefined;
  const persist = options.persistQueue ?? true;
  const beacon = createBeaconSink({
    ...settings,
    catalog,
    logger,
    ...(persist ? { store: createQueueStore() } : {}),
  });

  let consent = browserConsent(options.consent, mode, logger);
  let page: string | undefined;
  const vitalTargets = new Map<string, string>();
  const vendorDrops = createVendorDropCounter();
  const context: VendorContext = {
    logger,
    service: options.service ?? '4site-web',
    environment: options.environment ?? 'production',
    release: options.release,
    apiOrigins: checkOrigins(options.apiOrigins, mode, logger),
    proxy: checkProxy(options.proxy, mode, logger),
    consentGranted: () => consent === 'granted',
    attributionFor,
    vitalTarget: (id) => vitalTargets.get(id),
    drops: vendorDrops,
  };
  const vendors = startVendors({ sentry: options.sentry, datadog: options.datadog, mode }, context);

  const core = createMonitor({
    catalog,
    mode,
    logger,
    consent,
    sinks: [beacon, ...vendors.sinks, ...(options.sinks ?? [])],
  });
  core.setContext('app', {
    service: context.service,
    environment: context.environment,
    ...(options.release ? { release: options.release } : {}),
  });

  const shouldReport = createReportFilter();
  const coreStats = core.stats;
  const coreClose = core.close;
  const coreSetConsent = core.setConsent;
  const coreCaptureError = core.captureError;
  const monitor: BrowserMonitor<Catalog> = Object.assign(core, {
    attribution,
    vendors: vendors.states,
    setPage(template: string) {
      if (typeof template !== 'string' || !template.startsWith('/')) {
        // The value stays out of warnOnce, whose set of seen messages must stay bounded.
        logger.warnOnce('Ignored an invalid page: pass a route template such as "/sites/:id".');
        if (typeof template === 'string')
          logger.debug(`The invalid page was "${template.slice(0, 64)}".`);
        if (core.mode === 'development') {
          throw new MonitorError(
            'setPage(): invalid page template: pass a string such as "/sites/:id".',
          );
        }
        return;
      }
      page = template.slice(0, 128);
      for (const sink of vendors.sinks) {
        try {
          sink.handlePage?.(page);
        } catch (error) {
          logger.error('A vendor failed to set the page.', error);
        }
      }
    },
    stats: () => ({
      ...addDrops(coreStats(), beacon.dropped()),
      vendorDropped: vendorDrops.snapshot(),
    }),
    setConsent(next: ConsentState) {
      consent = next;
      coreSetConsent(next);
    },
    captureError(error: unknown, errorContext?: Record<string, unknown>) {
      if (shouldReport(error)) coreCaptureError(error, errorContext);
    },
    close(timeoutMillis?: number) {
      release(monitor);
      return coreClose(timeoutMillis);
    },
  });

  if ((options.webVitals ?? true) && Object.hasOwn(catalog, 'web_vital')) {
    startWebVitals(monitor, () => page ?? currentPath(), vitalTargets);
  }
  logger.info(`Started the browser monitor; events go to ${settings.endpoint}.`);
  return monitor;
}

function startWebVitals(
  monitor: CoreMonitor<Catalog>,
  page: () => string,
  targets: Map<string, string>,
): void {
  // Imported on demand like web-vitals, whose observers read buffered entries, so starting them
  // a moment later loses no measurement.
  import('./web-vitals/collect-web-vitals')
    .then(({ collectWebVitals }) =>
      collectWebVitals({
        logger: monitor.logger,
        page,
        report(properties, target) {
          if (monitor.closed) return;
          if (target) targets.set(properties.id, target);
          if (targets.size > MAX_VITAL_TARGETS) {
            targets.delete(targets.keys().next().value as string);
          }
          monitor.record('web_vital', properties);
        },
      }),
    )
    .catch((error: unknown) => {
      monitor.logger.warn('Loading web-vitals failed; web vitals are not reported.', error);
    });
}

function currentPath(): string {
  return typeof location === 'undefined' ? '/' : toPageTemplate(location.pathname);
}

function addDrops(
  stats: MonitorStats,
  drops: Readonly<Partial<Record<string, number>>>,
): MonitorStats {
  const dropped = { ...stats.dropped };
  for (const reason of DROP_REASONS) dropped[reason] += drops[reason] ?? 0;
  return { accepted: stats.accepted, dropped };
}

function checkOrigins(
  origins: readonly ApiOrigin[] | undefined,
  mode: MonitorMode,
  logger: Logger,
): readonly ApiOrigin[] {
  const valid = (origins ?? []).filter(
    (origin) => (typeof origin === 'string' && origin !== '') || origin instanceof RegExp,
  );
  if (valid.length !== (origins ?? []).length) {
    const message =
      'Invalid apiOrigins entry: use non-empty strings such as "https://api.example.com" or RegExp patterns.';
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} Ignored the invalid entries.`);
  }
  return valid;
}

function checkProxy(proxy: string | undefined, mode: MonitorMode, logger: Logger) {
  if (proxy === undefined) return undefined;
  if (typeof proxy === 'string' && proxy.trim() !== '') return proxy.replace(/\/+$/, '');
  const message = `Invalid proxy "${String(proxy)}": use a path such as "/monitor/vendors" or an absolute URL.`;
  if (mode === 'development') throw new MonitorError(message);
  logger.warnOnce(`${message} Vendors send to their own hosts.`);
  return undefined;
}

// A throw at start-up would break the page, so an unknown mode warns and runs as production.
function browserMode(value: unknown, logger: Logger): MonitorMode {
  if (value === undefined || value === 'production' || value === 'development') {
    return (value ?? 'production') as MonitorMode;
  }
  logger.warnOnce(
    `Invalid mode ${JSON.stringify(String(value))}: use production or development. Using production.`,
  );
  return 'production';
}

// An unknown consent throws in development mode. In production it warns and sends nothing until
// the app sets the consent, because sending without a clear consent is the worse mistake.
function browserConsent(value: unknown, mode: MonitorMode, logger: Logger): ConsentState {
  if (value === undefined) return 'granted';
  if (value === 'granted' || value === 'denied' || value === 'pending') return value;
  const message = `Invalid consent ${JSON.stringify(String(value))}: use granted, denied or pending.`;
  if (mode === 'development') throw new MonitorError(message);
  logger.warnOnce(`${message} Using pending until setConsent() is called.`);
  return 'pending';
}
