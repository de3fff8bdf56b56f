import {
  type Logger,
  MonitorError,
  type MonitorEvent,
  type MonitorScope,
  type Sink,
} from '@4site/monitor-core';
import type * as SentryNode from '@sentry/node';
import { IGNORE_VENDOR_DROPS, type VendorDrops } from '../prometheus/vendor-drops';
import { loadOptional } from './load-optional';
import { createRequestContext, type RequestContext } from './request-context';
import { scrubBreadcrumb, scrubDeep, scrubEvent, scrubHeaders, scrubUrl } from './scrub-event';
import type { SentryOptions, SentryPayload } from './sentry-options';
import {
  countClientOverflow,
  createSentryTransport,
  type SentryTransport,
} from './sentry-transport';

type Sentry = typeof SentryNode;

/** Settings of the Sentry sink, taken from the Node monitor. */
export interface SentrySinkSettings {
  readonly options: SentryOptions;
  readonly service: string;
  readonly environment: string;
  readonly release: string | undefined;
  /** Whether Sentry may trace; false when dd-trace owns tracing. */
  readonly tracing: boolean;
  readonly logger: Logger;
  /** Counts the events that Sentry gives up on. Default: counts nothing. */
  readonly drops?: VendorDrops;
}

// Idle time after which one request to Sentry's intake is abandoned, unless configured.
const DEFAULT_SEND_TIMEOUT_MILLIS = 5000;

/** The parts of an incoming request that Sentry events carry, after scrubbing. */
export interface RequestInfo {
  method?: string | undefined;
  url?: string | undefined;
  /** Set by Express; preferred over `url`, which routers rewrite. */
  originalUrl?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The Sentry sink, plus the request scope that keeps breadcrumbs per request. */
export interface SentrySink extends Sink {
  withRequest<T>(request: RequestInfo, callback: () => T): T;
}

/**
 * Initialises `@sentry/node` for error capture and returns the sink that feeds it. Sentry's
 * default integrations instrument every request, which costs a small route most of its
 * throughput. Errors need only a few integrations, so only those are installed. With
 * `tracesSampleRate` and no DataDog, Sentry's defaults are kept, because tracing needs them.
 */
export function createSentrySink(settings: SentrySinkSettings): SentrySink {
  const Sentry = loadOptional<Sentry>('@sentry/node', '>=11.12.0 <12', 'sentry');
  const { options, logger } = settings;
  const tracing = settings.tracing && (options.tracesSampleRate ?? 0) > 0;
  if (!settings.tracing && options.tracesSampleRate !== undefined) {
    logger.warnOnce(
      'sentry.tracesSampleRate is ignored: dd-trace owns tracing when DataDog is configured.',
    );
  }
  const {
    beforeSend,
    beforeBreadcrumb,
    integrations = [],
    sendTimeoutMillis,
    isolateRequests,
    ...rest
  } = options;
  const requests = createRequestContext(options.maxBreadcrumbs ?? 100, isolateRequests ?? true);
  const drops = settings.drops ?? IGNORE_VENDOR_DROPS;
  const onDrop = (reason: Parameters<VendorDrops['record']>[1], count: number) =>
    drops.record('sentry', reason, count);
  // An app that brings its own transport keeps it, and its losses are not counted.
  const counting =
    options.transport === undefined
      ? createSentryTransport(Sentry, {
          sendTimeoutMillis: checkSendTimeout(sendTimeoutMillis),
          onDrop,
        })
      : undefined;
  Sentry.init({
    environment: settings.environment,
    ...(settings.release ? { release: settings.release } : {}),
    // Without tracing, no installed integration reads the diagnostics channels that Sentry's
    // module hooks inject into Express and other libraries, so the hooks would only add work.
    ...(tracing ? {} : { enableRuntimeChannelInjection: false }),
    ...rest,
    // No user fields, cookies or bodies are collected; scrubEvent() removes what slips through.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
    tracesSampleRate: tracing ? options.tracesSampleRate : undefined,
    ...(tracing ? {} : { defaultIntegrations: false }),
    integrations: [...(tracing ? [] : errorIntegrations(Sentry)), ...(integrations as [])],
    initialScope: { tags: { service: settings.service } },
    ...(counting ? { transport: counting.transport } : {}),
    beforeSend: (event, hint) => chain(scrubEvent(event as never), hint, beforeSend) as never,
    // Streamed spans, the default of Sentry 11, skip beforeSend, and their names and `url.*` and
    // `http.*` attributes carry request URLs. This hook cannot drop a span.
    beforeSendSpan: (span) => chainSpan(scrubDeep(span), rest.beforeSendSpan) as typeof span,
    beforeBreadcrumb: (crumb, hint) => {
      const kept = chain(scrubBreadcrumb(crumb as never), hint, beforeBreadcrumb);
      // A breadcrumb of a request waits with that request instead of in Sentry's shared scope.
      return (kept && requests.keep(kept) ? null : kept) as never;
    },
  });
  const client = Sentry.getClient();
  if (counting && client) {
    drops.declare('sentry');
    countClientOverflow(client as never, onDrop);
  }
  logger.info(`Sentry captures errors${tracing ? ' and traces' : ''}.`);
  return buildSink(Sentry, counting, requests);
}

function checkSendTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_SEND_TIMEOUT_MILLIS;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 1) return value;
  throw new MonitorError(
    `Invalid sentry.sendTimeoutMillis ${String(value)}: use a number of milliseconds from 1, such as 5000.`,
  );
}

/**
 * Returns the integrations that error capture needs, without request instrumentation. Source
 * lines (contextLines) are left out because they can carry literals from the code. Sentry shows
 * source from uploaded source maps instead.
 */
function errorIntegrations(Sentry: Sentry) {
  return [
    Sentry.eventFiltersIntegration(),
    Sentry.functionToStringIntegration(),
    Sentry.linkedErrorsIntegration(),
    Sentry.dedupeIntegration(),
    Sentry.requestDataIntegration(),
    Sentry.consoleIntegration(),
    Sentry.onUncaughtExceptionIntegration(),
    Sentry.onUnhandledRejectionIntegration(),
    Sentry.nodeContextIntegration(),
  ];
}

function chainSpan(span: unknown, next: unknown): unknown {
  return typeof next === 'function' ? next(span) : span;
}

function chain(
  payload: SentryPayload,
  hint: unknown,
  next?: (payload: SentryPayload, hint: unknown) => SentryPayload | null,
): SentryPayload | null {
  return next ? next(payload, hint) : payload;
}

function buildSink(
  Sentry: Sentry,
  counting: SentryTransport | undefined,
  requests: RequestContext,
): SentrySink {
  // Whether the latest flush timed out or is still pending, with requests in flight.
  let stale = false;
  return {
    name: 'sentry',
    handleEvent(event: MonitorEvent) {
      Sentry.addBreadcrumb({
        category: 'monitor.event',
        message: event.name,
        data: { ...event.labels },
      });
    },
    handleError(error: unknown, context: Record<string, unknown>, scope: MonitorScope) {
      Sentry.captureException(error, (sentryScope) => {
        const { method, route, ...rest } = context;
        if (typeof route === 'string') {
          sentryScope.setTransactionName(
            `${typeof method === 'string' ? `${method} ` : ''}${route}`,
          );
          sentryScope.setTag('route', route);
        }
        if (Object.keys(rest).length > 0) sentryScope.setContext('monitor', rest);
        for (const [name, value] of Object.entries(scope.contexts))
          sentryScope.setContext(name, value);
        if (scope.user) sentryScope.setUser({ id: scope.user.id });
        const state = requests.current();
        // The request data is normalized and scrubbed here, only for a request with an error.
        if (state) {
          sentryScope.setSDKProcessingMetadata({ normalizedRequest: normalize(state.request) });
          for (const crumb of state.crumbs ?? [])
            sentryScope.addBreadcrumb(crumb as never, requests.maxBreadcrumbs);
        }
        return sentryScope;
      });
    },
    withRequest: requests.run,
    async flush(timeoutMillis) {
      // Sentry.flush() may outlast its timeout (it waits for the client, then the transport),
      // so a close() that starts while it is pending sees it as timed out.
      stale = true;
      const flushed = await Sentry.flush(timeoutMillis);
      stale = !flushed;
      return flushed;
    },
    async close(timeoutMillis) {
      // The monitor flushes just before it closes. When that flush timed out, the intake is not
      // responding, and waiting a second timeout would only delay the process's exit.
      if (stale) counting?.abortAll();
      // Sentry.close() can wait up to twice its timeout (client, then transport). Requests still
      // in flight at the timeout would keep the process alive, so they end then, as timeouts.
      let aborted = false;
      const timer = setTimeout(() => {
        aborted = true;
        counting?.abortAll();
      }, timeoutMillis);
      timer.unref();
      try {
        return (await Sentry.close(timeoutMillis)) && !aborted;
      } finally {
        clearTimeout(timer);
        counting?.abortAll();
      }
    },
  };
}

function normalize(request: RequestInfo) {
  // Express rewrites `url` inside mounted routers; `originalUrl` keeps the full path.
  const url = request.originalUrl ?? request.url ?? '/';
  const queryAt = url.indexOf('?');
  const headers = scrubHeaders({ ...request.headers }) as Record<string, string>;
  return {
    method: request.method,
    url: scrubUrl(queryAt < 0 ? url : url.slice(0, queryAt)),
    ...(queryAt < 0 ? {} : { query_string: scrubUrl(`?${url.slice(queryAt + 1)}`).slice(1) }),
    headers,
  };
}
