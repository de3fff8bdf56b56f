import { createDeferredSink, type DeferredSink } from './deferred-sink';
import { loadVendor } from './load-vendor';
import type { TracingIntegration } from './sentry-sink';
import type { VendorContext } from './vendor-context';
import { type DatadogOptions, type SentryOptions, VENDOR_PACKAGES } from './vendor-options';

/** State of one vendor integration: not configured, loaded, or failed to load. */
export type VendorState = 'off' | 'ready' | 'failed';

/** States of the vendor integrations once their imports settled. */
export interface VendorStates {
  readonly sentry: VendorState;
  readonly datadog: VendorState;
}

/** Vendor options that passed `checkBrowserOptions()`; an unset vendor stays off. */
export interface VendorSettings {
  sentry?: SentryOptions | undefined;
  datadog?: DatadogOptions | undefined;
}

/**
 * Creates a deferred sink for each configured vendor and starts its dynamic import. The sink
 * wrappers and their scrubbing are imported with the vendor, so an app without vendors never
 * downloads them. A failed import logs one warning that names the package to install or reports
 * that the script was blocked.
 */
export function startVendors(settings: VendorSettings, context: VendorContext) {
  const sinks: DeferredSink[] = [];
  const state = async (sink: DeferredSink | undefined): Promise<VendorState> => {
    if (!sink) return 'off';
    return (await sink.ready) ? 'ready' : 'failed';
  };

  const sentryOptions = settings.sentry;
  const sentry = sentryOptions
    ? createDeferredSink('sentry', () => loadSentry(sentryOptions, context), context.logger)
    : undefined;
  const datadogOptions = settings.datadog;
  const datadog = datadogOptions
    ? createDeferredSink(
        'datadog',
        () =>
          report(
            loadVendor(VENDOR_PACKAGES.datadog, 'datadog', () => import('./datadog-sink')),
            context,
          ).then(({ createDatadogSink }) => createDatadogSink(datadogOptions, context)),
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

// The sink module imports the SDK by name, so a missing package fails this import. The tracing
// integration comes from the app's own `tracing` loader: were it imported here, bundlers would
// put the modules that only tracing needs into the chunks of every app that uses Sentry.
async function loadSentry(options: SentryOptions, context: VendorContext) {
  const tracing = (options.tracesSampleRate ?? 0) > 0 ? options.tracing : undefined;
  const [{ createSentrySink }, integration] = await Promise.all([
    report(
      loadVendor(VENDOR_PACKAGES.sentry, 'sentry', () => import('./sentry-sink')),
      context,
    ),
    tracing
      ? report(loadVendor(VENDOR_PACKAGES.sentry, 'sentry.tracing', tracing), context)
      : undefined,
  ]);
  const tracingIntegration = integration?.browserTracingIntegration as
    | TracingIntegration
    | undefined;
  return createSentrySink(options, context, tracingIntegration);
}

async function report<M>(loading: Promise<M>, context: VendorContext): Promise<M> {
  try {
    return await loading;
  } catch (error) {
    context.logger.warnOnce(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
