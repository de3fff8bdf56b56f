import { fourSiteCatalog } from '@4site/monitor-business';
import {
  type Catalog,
  type ConsentState,
  type CoreMonitor,
  createLogger,
  createMonitor,
  DROP_REASONS,
  MonitorError,
  type MonitorStats,
} from '@4site/monitor-core';
import { captureLandingAttribution } from './attribution/landing-attribution';
import type { EarlyState } from './early-monitor';
import type { BrowserMonitor } from './init';
import { createBeaconSink } from './transport/beacon-sink';
import { trackStoredEarlyEvents } from './transport/early-events';
import { createQueueStore } from './transport/queue-store';
import { startVendors } from './vendors/start-vendors';
import { createReportFilter, type VendorContext } from './vendors/vendor-context';
import { createVendorDropCounter } from './vendors/vendor-drops';
import { toPageTemplate } from './web-vitals/page-template';

// Events whose vendor copies carry the landing attribution: the visit and the session's leads.
// The ingest endpoint takes only catalog properties, where the attribution is the channel.
const ATTRIBUTED_EVENTS = new Set(['visit', 'lead']);
// Element selectors of recent web vitals, kept for the vendors; older entries are forgotten.
const MAX_VITAL_TARGETS = 20;

/** The monitor behind the one that `initMonitor()` returns, created once its code has loaded. */
export type RuntimeMonitor = BrowserMonitor<Catalog> & CoreMonitor<Catalog>;

/**
 * Builds the browser monitor behind the one that `initMonitor()` returned, whose log calls then
 * pass to this monitor's logger. Loaded by a dynamic import, so a page downloads this code after
 * start-up.
 */
export function createBrowserMonitor(early: EarlyState): RuntimeMonitor {
  const { options, checked, landing } = early;
  const logger = createLogger({ enabled: options.debug === true });
  early.logger.attach(logger);
  const mode = checked.mode;
  const catalog = options.catalog ?? fourSiteCatalog;
  const settings = checked.transport;
  const attribution = captureLandingAttribution(landing);
  const attributionFor = (name: string) =>
    ATTRIBUTED_EVENTS.has(name) ? (attribution as unknown as Record<string, unknown>) : undefined;
  const persist = checked.persistQueue;
  const beacon = createBeaconSink({
    ...settings,
    catalog,
    logger,
    ...(persist ? { store: createQueueStore() } : {}),
  });

  let consent = checked.consent;
  let page: string | undefined;
  const vitalTargets = new Map<string, string>();
  const vendorDrops = createVendorDropCounter();
  const context: VendorContext = {
    logger,
    service: checked.service,
    environment: checked.environment,
    release: checked.release,
    apiOrigins: checked.apiOrigins,
    proxy: checked.proxy,
    consentGranted: () => consent === 'granted',
    attributionFor,
    vitalTarget: (id) => vitalTargets.get(id),
    drops: vendorDrops,
  };
  const vendors = startVendors(checked, context);

  const core = createMonitor({
    catalog,
    mode,
    logger,
    consent,
    sinks: [beacon, ...vendors.sinks, ...checked.sinks],
  });
  core.setContext('app', {
    service: context.service,
    environment: context.environment,
    ...(checked.release ? { release: checked.release } : {}),
  });

  const shouldReport = createReportFilter();
  const coreStats = core.stats;
  const coreSetConsent = core.setConsent;
  const coreCaptureError = core.captureError;
  const monitor: RuntimeMonitor = Object.assign(core, {
    attribution,
    ready: Promise.resolve(true),
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
  });

  if (checked.webVitals && Object.hasOwn(catalog, 'web_vital')) {
    startWebVitals(monitor, () => page ?? currentPath(), vitalTargets);
  }
  trackStoredEarlyEvents((name, properties) => monitor.track(name, properties as never));
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
