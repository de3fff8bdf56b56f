import type { Logger } from '@4site/monitor-core';
import type { MonitoredRequest } from './http-types';

/** Marks the SDK's handlers, so a placement check can find them in an app's stack. */
export const SDK_HANDLER = Symbol.for('@4site/monitor-express/handler');

type Marked = { [SDK_HANDLER]?: 'middleware' | 'error-handler' };
interface Layer {
  handle?: Marked;
  route?: unknown;
  name?: string;
}
interface AppLike {
  router?: { stack?: Layer[] };
  _router?: { stack?: Layer[] };
}

const checked = new WeakSet<object>();
// The app checked last. Most processes serve one app, whose requests then skip the WeakSet lookup.
let lastChecked: object | undefined;

/**
 * Checks once per app where the SDK's handlers sit in its stack, and warns once when routes are
 * mounted after the error handler (their errors would bypass it) or before the middleware (their
 * requests would not be timed). Runs on the app's first request, as soon as the stack is final.
 */
export function checkPlacement(req: MonitoredRequest, logger: Logger): void {
  const app = (req as { app?: AppLike }).app;
  if (!app || app === lastChecked) return;
  lastChecked = app;
  if (checked.has(app)) return;
  checked.add(app);
  // Express 5 exposes the stack on `app.router`, Express 4 on `app._router`.
  const stack = stackOf(app);
  if (!stack) return;
  const isRoute = (layer: Layer) => layer.route !== undefined || layer.name === 'router';
  const errorAt = stack.findIndex((layer) => layer.handle?.[SDK_HANDLER] === 'error-handler');
  const middlewareAt = stack.findIndex((layer) => layer.handle?.[SDK_HANDLER] === 'middleware');
  if (errorAt >= 0 && stack.slice(errorAt + 1).some(isRoute)) {
    logger.warnOnce(
      'monitorErrorHandler() is mounted before some routes, whose errors will bypass it: mount it after the last route and before your own error handler.',
    );
  }
  if (middlewareAt >= 0 && stack.slice(0, middlewareAt).some(isRoute)) {
    logger.warnOnce(
      'monitorMiddleware() is mounted after some routes, whose requests will not be timed: mount it before the routes.',
    );
  }
}

function stackOf(app: AppLike): Layer[] | undefined {
  try {
    return app._router?.stack ?? app.router?.stack;
  } catch {
    return undefined;
  }
}

/** Tags a handler as the SDK's, for `checkPlacement()`. */
export function markHandler<T extends object>(handler: T, kind: 'middleware' | 'error-handler'): T {
  (handler as Marked)[SDK_HANDLER] = kind;
  return handler;
}
