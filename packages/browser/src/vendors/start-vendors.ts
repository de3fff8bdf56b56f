import { MonitorError, type MonitorMode } from '@4site/monitor-core';
import { createDeferredSink, type DeferredSink } from './deferred-sink';
import { loadVendor } from './load-vendor';
import type { VendorContext } from './vendor-context';
import { type DatadogOptions, type SentryOptions, VENDOR_PACKAGES } from './vendor-options';

/** State of one vendor integration: not configured, loaded, or failed to load. */
export type VendorState = 'off' | 'ready' | 'failed';

/** States of the vendor integrations once their imports settled. */
export interface VendorStates {
  readonly sentry: VendorState;
  readonly datadog: VendorState;
}

export interface VendorSettings {
  sentry?: SentryOptions;
  datadog?: DatadogOptions;
  mode: MonitorMode;
}

/**
 * Creates a deferred sink for each configured vendor and starts its dynamic import. The sink
 * wrappers and their scrubbing are imported with the vendor, so an app without vendors never
 * downloads them. A vendor
 * with missing required options is skipped: in development mode that throws a MonitorError, in
 * production mode it logs a warning. A failed import logs one warning that names the package
 * to install or reports that the script was blocked.
 */
export function startVendors(settings: VendorSettings, context: VendorContext) {
  const sinks: DeferredSink[] = [];
  const state = async (sink: DeferredSink | undefined): Promise<VendorState> => {
    if (!sink) return 'off';
    return (await sink.ready) ? 'ready' : 'failed';
  };

  const sentryOptions = checkSentry(settings, context);
  const sentry = sentryOptions
    ? createDeferredSink(
        'sentry',
        () =>
          Promise.all([
            report(
              loadVendor(VENDOR_PACKAGES.sentry, 'sentry', () => import('@sentry/browser')),
              context,
            ),
            import('./sentry-sink'),
          ]).then(([module, { createSentrySink }]) =>
            createSentrySink(module, sentryOptions, context),
          ),
        context.logger,
      )
    : undefined;
  const datadogOptions = checkDatadog(settings, context);
  const datadog = datadogOptions
    ? createDeferredSink(
        'datadog',
        () =>
          Promise.all([
            report(
              loadVendor(VENDOR_PACKAGES.datadog, 'datadog', () => import('@datadog/browser-rum')),
              context,
            ),
            import('./datadog-sink'),
          ]).then(([module, { createDatadogSink }]) =>
            createDatadogSink(module, datadogOptions, context),
          ),
        context.logger,
      )
    : undefined;
  if (sentry) sinks.push(sentry);
  if (datadog) sinks.push(datadog);

  const states = Promise.all([state(sentry), state(datadog)]).then(
    ([sentryState, datadogState]): VendorStates => ({ sentry: sentryState, datadog: datadogState }),
  );
  return { sinks, states };
}

async function report<M>(loading: Promise<M>, context: VendorContext): Promise<M> {
  try {
    return await loading;
  } catch (error) {
    context.logger.warnOnce(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

function checkSentry(settings: VendorSettings, context: VendorContext) {
  const options = settings.sentry;
  if (!options) return undefined;
  if (typeof options.dsn === 'string' && options.dsn.trim() !== '') return options;
  return reject(
    settings.mode,
    context,
    `Invalid sentry.dsn "${String(options.dsn)}": set the DSN of the Sentry project, or remove the sentry option.`,
  );
}

function checkDatadog(settings: VendorSettings, context: VendorContext) {
  const options = settings.datadog;
  if (!options) return undefined;
  for (const field of ['applicationId', 'clientToken'] as const) {
    const value = options[field];
    if (typeof value !== 'string' || value.trim() === '') {
      return reject(
        settings.mode,
        context,
        `Invalid datadog.${field} "${String(value)}": copy it from the RUM application's settings, or remove the datadog option.`,
      );
    }
  }
  return options;
}

function reject(mode: MonitorMode, context: VendorContext, message: string): undefined {
  if (mode === 'development') throw new MonitorError(message);
  context.logger.warnOnce(`${message} The vendor is off.`);
  return undefined;
}
