import type { Catalog, CoreMonitor, Logger } from '@4site/monitor-core';
import type { VendorDrops } from '../prometheus/vendor-drops';
import { type DatadogOptions, type ServiceIdentity, startTracer } from './datadog';
import { createDogStatsDSink } from './dogstatsd';
import type { SentryOptions } from './sentry-options';
import { createSentrySink, type RequestInfo } from './sentry-sink';

/** Vendor settings of the Node monitor. */
export interface VendorSettings extends ServiceIdentity {
  readonly sentry: SentryOptions | undefined;
  readonly datadog: DatadogOptions | undefined;
  readonly prefix: string;
  readonly catalog: Catalog;
  readonly logger: Logger;
  /** Counts the items that vendor transports give up on. */
  readonly drops: VendorDrops;
}

/** Hooks that the installed vendors give the monitor. */
export interface InstalledVendors {
  /** Runs a request's handling in its own Sentry scope, so breadcrumbs stay per request. */
  withRequest<T>(request: RequestInfo, callback: () => T): T;
  /** Whether a vendor patches modules, so it must start before Express is loaded. */
  readonly patchesModules: boolean;
}

/**
 * Starts the configured vendors and adds their sinks. dd-trace starts first, because it must
 * patch modules before anything else loads them; Sentry then traces only without DataDog.
 */
export function installVendors(core: CoreMonitor, settings: VendorSettings): InstalledVendors {
  const { datadog, logger } = settings;
  const tracing = datadog !== undefined && datadog.tracing !== false;
  if (tracing) {
    // A sink, so the spans are flushed in the flush phase of close(), alongside the other
    // vendors, and a hanging agent delays the exit by one timeout only.
    const flushTracer = startTracer(datadog, settings, logger);
    core.addSink({ name: 'dd-trace', flush: flushTracer });
  }
  if (datadog && datadog.dogstatsd !== false) {
    core.addSink(
      createDogStatsDSink(datadog.dogstatsd ?? {}, {
        ...settings,
        globalTags: tagsOf(settings, datadog),
      }),
    );
  }
  const sentryDsn = settings.sentry?.dsn;
  const sentry =
    settings.sentry && sentryDsn
      ? createSentrySink({ ...settings, options: settings.sentry, tracing: datadog === undefined })
      : undefined;
  if (sentry) core.addSink(sentry);
  const sentryTraces = !datadog && (settings.sentry?.tracesSampleRate ?? 0) > 0;
  return {
    withRequest: sentry ? sentry.withRequest : (_request, callback) => callback(),
    patchesModules: tracing || sentryTraces,
  };
}

function tagsOf(identity: ServiceIdentity, datadog: DatadogOptions): string[] {
  const tags = [
    `service:${datadog.service ?? identity.service}`,
    `env:${datadog.env ?? identity.environment}`,
  ];
  const version = datadog.version ?? identity.release;
  if (version) tags.push(`version:${version}`);
  for (const [name, value] of Object.entries(datadog.tags ?? {})) tags.push(`${name}:${value}`);
  return tags;
}
