import { AsyncLocalStorage } from 'node:async_hooks';
import type { SentryPayload } from './sentry-options';
import type { RequestInfo } from './sentry-sink';

/** What one request keeps for an error report: its request data and its breadcrumbs. */
export interface RequestState {
  readonly request: RequestInfo;
  /** Created on the first breadcrumb, so a request without one allocates nothing more. */
  crumbs: SentryPayload[] | undefined;
}

/** The request that the running code serves, and where its breadcrumbs wait. */
export interface RequestContext {
  /** Breadcrumbs kept per request. */
  readonly maxBreadcrumbs: number;
  run<T>(request: RequestInfo, callback: () => T): T;
  current(): RequestState | undefined;
  /**
   * Keeps a breadcrumb with the current request, the oldest going first past the limit. Returns
   * false outside a request, where the breadcrumb belongs to the whole process.
   */
  keep(crumb: SentryPayload): boolean;
}

/**
 * Creates the per-request context that error reports draw on. Sentry's own isolation scope
 * clones several scope objects and a trace id for every request, about ten times the cost of one
 * AsyncLocalStorage run with a two-field object. The breadcrumbs and the request that an error
 * report needs are all it must isolate, so they live here and join the Sentry scope only when an
 * error is captured.
 */
export function createRequestContext(maxBreadcrumbs: number, isolate = true): RequestContext {
  if (!isolate) return createSyncRequestContext(maxBreadcrumbs);
  const storage = new AsyncLocalStorage<RequestState>();
  return {
    maxBreadcrumbs,
    // A second run for the same request, such as the error handler's, keeps its breadcrumbs.
    run: (request, callback) =>
      storage.getStore()?.request === request
        ? callback()
        : storage.run({ request, crumbs: undefined }, callback),
    current: () => storage.getStore(),
    keep(crumb) {
      const state = storage.getStore();
      if (!state) return false;
      if (maxBreadcrumbs <= 0) return true;
      const crumbs = state.crumbs ?? [];
      state.crumbs = crumbs;
      if (crumbs.length >= maxBreadcrumbs) crumbs.shift();
      crumbs.push(crumb);
      return true;
    },
  };
}

/**
 * Creates a context that keeps the request only while its callback runs synchronously, without
 * AsyncLocalStorage, whose first run turns on Node 20's async hooks for every promise of the
 * process. An error report made in that span, as by the error handler, gets the request data.
 * Breadcrumbs are never kept per request: they go to the process scope.
 */
function createSyncRequestContext(maxBreadcrumbs: number): RequestContext {
  let current: RequestState | undefined;
  return {
    maxBreadcrumbs,
    run(request, callback) {
      const previous = current;
      current = { request, crumbs: undefined };
      try {
        return callback();
      } finally {
        current = previous;
      }
    },
    current: () => current,
    keep: () => false,
  };
}
