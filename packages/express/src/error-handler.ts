import { createLogger } from '@4site/monitor-core';
import type { ErrorHandler, MonitoredRequest } from './http-types';
import type { MonitorLike } from './monitor-like';
import { checkPlacement, markHandler } from './placement';
import { routeTemplate } from './route';

// Errors already reported, so a handler mounted twice or on a router and an app reports once.
const reported = new WeakSet<object>();

/**
 * Reports each error that reaches Express's error chain once, with the method and route template,
 * counts it, then passes it on so the app's own error handling still runs. Mount it after the
 * routes and before the app's own error handler; a wrong place earns one warning.
 */
export function monitorErrorHandler(monitor: MonitorLike, ...misuse: unknown[]): ErrorHandler {
  // `app.use(monitorErrorHandler)` makes Express call the factory as a middleware; without this
  // every request would hang, so it warns and lets the request through.
  if (isRequest(monitor)) {
    createLogger().warnOnce(
      'monitorErrorHandler was mounted without being called: use app.use(monitorErrorHandler(monitor)).',
    );
    const next = misuse[1];
    if (typeof next === 'function') next();
    return (() => {}) as unknown as ErrorHandler;
  }
  const handler: ErrorHandler = (error, req, _res, next) => {
    checkPlacement(req, monitor.logger);
    // A 4xx error, such as malformed JSON from body-parser, is the client's mistake: reporting it
    // would let anyone drive the error rate, as Sentry's own Express handler also avoids.
    if (isClientError(error)) return next(error);
    if (isObject(error)) {
      if (reported.has(error)) return next(error);
      reported.add(error);
    }
    try {
      // Within the request's context, so the report gets its data even after an await.
      // NOTE: without monitorMiddleware() this starts the Sentry sink's AsyncLocalStorage on the
      // first error, and Node 20 then pays for async hooks on every promise from there on.
      monitor.withRequest(req, () =>
        monitor.captureError(error, { method: req.method, route: routeTemplate(req) }),
      );
    } catch (captureFailure) {
      monitor.logger.error('Capturing a request error failed.', captureFailure);
    }
    next(error);
  };
  return markHandler(handler, 'error-handler');
}

function isClientError(error: unknown): boolean {
  if (!isObject(error)) return false;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = Number(status ?? statusCode);
  return Number.isInteger(code) && code >= 400 && code < 500;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function isRequest(value: unknown): value is MonitoredRequest {
  return isObject(value) && 'headers' in value && 'method' in value && !('registry' in value);
}
