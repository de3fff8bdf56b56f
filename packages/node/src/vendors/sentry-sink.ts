import type { Logger, MonitorEvent, MonitorScope, Sink } from '@4site/monitor-core';
import type * as SentryNode from '@sentry/node';
import { loadOptional } from './load-optional';
import { scrubBreadcrumb, scrubEvent, scrubHeaders, scrubUrl } from './scrub-event';
import type { SentryOptions, SentryPayload } from './sentry-options';

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
}

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
  const { beforeSend, beforeBreadcrumb, integrations = [], ...rest } = options;
  Sentry.init({
    environment: settings.environment,
    ...(settings.release ? { release: settings.release } : {}),
    ...rest,
    // No user fields, cookies or bodies are collected; scrubEvent() removes what slips through.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
    tracesSampleRate: tracing ? options.tracesSampleRate : undefined,
    ...(tracing ? {} : { defaultIntegrations: false }),
    integrations: [...(tracing ? [] : errorIntegrations(Sentry)), ...(integrations as [])],
    initialScope: { tags: { service: settings.service } },
    beforeSend: (event, hint) => chain(scrubEvent(event as never), hint, beforeSend) as never,
    beforeBreadcrumb: (crumb, hint) =>
      chain(scrubBreadcrumb(crumb as never), hint, beforeBreadcrumb) as never,
  });
  logger.info(`Sentry captures errors${tracing ? ' and traces' : ''}.`);
  return buildSink(Sentry);
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

function chain(
  payload: SentryPayload,
  hint: unknown,
  next?: (payload: SentryPayload, hint: unknown) => SentryPayload | null,
): SentryPayload | null {
  return next ? next(payload, hint) : payload;
}

function buildSink(Sentry: Sentry): SentrySink {
  // The request of each isolation scope, normalized and scrubbed only when an error is captured,
  // so a request without an error pays for one WeakMap entry.
  const requests = new WeakMap<object, RequestInfo>();
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
        const request = requests.get(Sentry.getIsolationScope());
        if (request)
          sentryScope.setSDKProcessingMetadata({ normalizedRequest: normalize(request) });
        return sentryScope;
      });
    },
    withRequest(request, callback) {
      return Sentry.withIsolationScope((isolation) => {
        requests.set(isolation, request);
        return callback();
      });
    },
    flush: (timeoutMillis) => Sentry.flush(timeoutMillis),
    close: (timeoutMillis) => Sentry.close(timeoutMillis),
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
