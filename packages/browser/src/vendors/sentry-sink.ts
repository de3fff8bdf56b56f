import type { MonitorScope } from '@4site/monitor-core';
// A static namespace import, used only as `Sentry.name`, so that an app's bundler keeps only what
// the sink calls: a dynamic import() of the whole module would bundle all of @sentry/browser.
// Named imports would fail a Vite build of an app without the package, where Vite puts an empty
// module in place of a missing optional peer.
import type { Breadcrumb, BrowserOptions } from '@sentry/browser';
import * as Sentry from '@sentry/browser';
import { scrubDeep, scrubHeaders, scrubText } from '../privacy/scrub-url';
import type { VendorSink } from './deferred-sink';
import type { VendorContext } from './vendor-context';
import type { VendorDropReason } from './vendor-drops';
import type { SentryOptions } from './vendor-options';

type SentryEvent = Parameters<NonNullable<BrowserOptions['beforeSend']>>[0];
type TransactionEvent = Parameters<NonNullable<BrowserOptions['beforeSendTransaction']>>[0];
/** Sentry's tracing integration, which the app's `sentry.tracing` option loads. */
export type TracingIntegration = typeof import('@sentry/browser').browserTracingIntegration;

/**
 * Starts Sentry once per page and returns the sink that feeds it. A Sentry client that already
 * exists, such as after a hot reload of the app, is reused instead of initialised again.
 */
export function createSentrySink(
  options: SentryOptions,
  context: VendorContext,
  tracing?: TracingIntegration,
): VendorSink {
  if (!Sentry.getClient()) Sentry.init(sentryInitOptions(options, context, tracing));
  else context.logger.debug('Sentry already has a client; reused it.');

  return {
    name: 'sentry',
    handleEvent(event) {
      Sentry.addBreadcrumb({
        category: 'monitor',
        message: event.name,
        data: scrubDeep(
          withAttribution(event.name, event.properties, context),
        ) as Breadcrumb['data'],
        level: 'info',
      });
    },
    handleError(error, errorContext) {
      Sentry.captureException(error, { contexts: { monitor: errorContext } });
    },
    handleScope(scope) {
      applyScope(scope);
    },
    handlePage(template) {
      // Errors after a navigation are grouped under the route template, never the raw URL.
      Sentry.getCurrentScope().setTransactionName(template);
      Sentry.addBreadcrumb({ category: 'navigation', data: { to: template }, level: 'info' });
    },
    flush: (timeoutMillis) => Sentry.flush(timeoutMillis),
    // The Sentry client stays open: it also reports uncaught errors, which a closed monitor
    // must not lose. Closing the monitor only stops our own calls to it.
    close: (timeoutMillis) => Sentry.flush(timeoutMillis),
  };
}

function sentryInitOptions(
  options: SentryOptions,
  context: VendorContext,
  tracing: TracingIntegration | undefined,
): BrowserOptions {
  const tracesSampleRate = options.tracesSampleRate ?? 0;
  const tunnel = options.tunnel ?? (context.proxy ? `${context.proxy}/sentry` : undefined);
  return {
    dsn: options.dsn,
    release: context.release,
    environment: context.environment,
    sampleRate: options.sampleRate ?? 1,
    tracesSampleRate,
    tracePropagationTargets: [...context.apiOrigins],
    ...(tunnel ? { tunnel } : {}),
    // Sentry 11 collects no user info, cookies or bodies with these settings. Headers and queries
    // are still scrubbed in beforeSend, because these settings could change between versions.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
    integrations: (defaults) =>
      tracesSampleRate > 0 && tracing ? [...defaults, tracing()] : defaults,
    transport: (transportOptions) => consentTransport(transportOptions, context),
    beforeSend: (event) => (context.consentGranted() ? scrubEvent(event) : null),
    beforeSendTransaction: (event) => (context.consentGranted() ? scrubEvent(event) : null),
    // Streamed spans, the default of Sentry 11, skip beforeSendTransaction, and their names and
    // `url.*` attributes carry page and request URLs. This hook cannot drop a span.
    beforeSendSpan: (span) => scrubDeep(span) as typeof span,
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  };
}

type TransportOptions = Parameters<typeof Sentry.makeFetchTransport>[0];
type Envelope = Parameters<ReturnType<typeof Sentry.makeFetchTransport>['send']>[0];

// Reasons that Sentry's transport (in @sentry/core 11) records for the items it gives up on.
// Others, such as `before_send` or `sample_rate`, are decisions, not delivery failures.
const SENTRY_DROP_REASONS: Readonly<Record<string, VendorDropReason>> = {
  network_error: 'network_error',
  queue_overflow: 'queue_full',
  ratelimit_backoff: 'rate_limited',
  send_error: 'http_error',
};

/**
 * Wraps Sentry's fetch transport so that nothing leaves while consent is not granted: besides
 * events, which `beforeSend` already drops, this covers sessions and any other envelope.
 * Envelopes dropped here are gone; they are not sent after consent. The wrapper also counts the
 * items that the transport loses, for `monitor.stats()`.
 */
function consentTransport(options: TransportOptions, context: VendorContext) {
  const transport = Sentry.makeFetchTransport({
    ...options,
    recordDroppedEvent(reason, category, count) {
      const mapped = SENTRY_DROP_REASONS[reason];
      // A transaction is recorded twice, as itself and as its spans; count the transaction.
      if (mapped && category !== 'span') context.drops.count('sentry', mapped, count ?? 1);
      options.recordDroppedEvent(reason, category, count);
    },
  });
  return {
    ...transport,
    send: async (envelope: Envelope) => {
      if (!context.consentGranted()) return {};
      const response = await transport.send(envelope);
      countRejectedEnvelope(response.statusCode, envelope, context);
      return response;
    },
  };
}

/**
 * Counts the items of an envelope that the intake rejected with a 429 or another error status.
 * Sentry records a 413 itself, and it drops later envelopes during a rate limit as
 * `ratelimit_backoff`, but it does not record these.
 */
function countRejectedEnvelope(
  status: number | undefined,
  envelope: Envelope,
  context: VendorContext,
) {
  if (status === undefined || status < 400 || status === 413) return;
  const items = envelope[1].filter(([header]) => header.type !== 'client_report').length;
  context.drops.count('sentry', status === 429 ? 'rate_limited' : 'http_error', items);
}

function applyScope(scope: MonitorScope): void {
  Sentry.setUser(scope.user ? { id: scope.user.id, ...planOf(scope) } : null);
  for (const [name, value] of Object.entries(scope.contexts)) Sentry.setContext(name, value);
}

function planOf(scope: MonitorScope): { plan?: string } {
  return scope.user?.plan ? { plan: scope.user.plan } : {};
}

function withAttribution(
  name: string,
  properties: Record<string, unknown>,
  context: VendorContext,
): Record<string, unknown> {
  const attribution = context.attributionFor(name);
  return attribution ? { ...properties, attribution } : properties;
}

/** Removes personal data from an error or transaction event before Sentry sends it. */
export function scrubEvent<E extends SentryEvent | TransactionEvent>(event: E): E {
  // The SDK's own processing metadata contains scope objects, which must pass through untouched.
  const { request, sdkProcessingMetadata, release, environment, ...rest } = event;
  const scrubbed = scrubDeep(rest) as E;
  if (sdkProcessingMetadata) scrubbed.sdkProcessingMetadata = sdkProcessingMetadata;
  // Set by the app's own configuration, and a release such as `app@1.2.3` looks like an e-mail.
  if (release !== undefined) scrubbed.release = release;
  if (environment !== undefined) scrubbed.environment = environment;
  if (request) {
    scrubbed.request = {
      ...(scrubDeep(request) as typeof request),
      ...(request.url ? { url: scrubText(request.url) } : {}),
      ...(request.headers ? { headers: scrubHeaders(request.headers) } : {}),
      cookies: undefined,
    };
  }
  if (scrubbed.user) scrubbed.user = { id: scrubbed.user.id, ...pick(scrubbed.user, 'plan') };
  return scrubbed;
}

function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return scrubDeep(breadcrumb) as Breadcrumb;
}

function pick(value: Record<string, unknown>, key: string): Record<string, unknown> {
  return value[key] === undefined ? {} : { [key]: value[key] };
}
