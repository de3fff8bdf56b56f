import type { ErrorHandler } from './http-types';
import type { MonitorLike } from './monitor-like';
import { routeTemplate } from './route';

/**
 * Reports errors that reach Express's error chain, with the method and route template, then
 * passes them on so the app's own error handling still runs. Mount it after the routes.
 */
export function monitorErrorHandler(monitor: MonitorLike): ErrorHandler {
  return (error, req, _res, next) => {
    try {
      monitor.captureError(error, { method: req.method, route: routeTemplate(req) });
    } catch (captureFailure) {
      monitor.logger.error('Capturing a request error failed.', captureFailure);
    }
    next(error);
  };
}
