import type { ServerResponse } from 'node:http';
import { createLabelLimiter, ensureMetric } from '@4site/monitor-node';
import { Histogram } from 'prom-client';
import type { Handler, MonitoredRequest } from './http-types';
import type { MonitorLike } from './monitor-like';
import { checkPlacement, markHandler } from './placement';
import { routeTemplate } from './route';

/** Options of `monitorMiddleware()`. */
export interface MiddlewareOptions {
  /** Distinct `route` label values before the rest share the value `other`. Default: 100. */
  maxRoutes?: number;
  /** Histogram buckets in seconds. Default: the OpenTelemetry HTTP server buckets. */
  buckets?: number[];
}

export const HTTP_DURATION_METRIC = 'http_server_request_duration_seconds';
// The buckets that the OpenTelemetry semantic conventions advise for this histogram.
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
]);
const SEEN = Symbol.for('@4site/monitor-express/timed');

type Observer = { observe(value: number): void };

/**
 * Records `http_server_request_duration_seconds` by method, route template and status code.
 * Mount it before the routes. Mounting it twice times each request once.
 */
export function monitorMiddleware(monitor: MonitorLike, options: MiddlewareOptions = {}): Handler {
  const histogram = ensureMetric(monitor.registry, HTTP_DURATION_METRIC, () => {
    return new Histogram({
      name: HTTP_DURATION_METRIC,
      help: 'Duration of HTTP server requests.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: options.buckets ?? DEFAULT_BUCKETS,
      registers: [],
    });
  });
  const limitRoute = createLabelLimiter(options.maxRoutes ?? 100);
  // Status codes are three digits, but a handler may set any number; keep them bounded too.
  const limitStatus = createLabelLimiter(60);
  // Bounded: methods are a closed set, routes are capped and status codes are three digits.
  const children = new Map<string, Observer>();

  const observe = (req: MonitoredRequest, res: ServerResponse, seconds: number): void => {
    const method = KNOWN_METHODS.has(req.method ?? '') ? (req.method as string) : '_OTHER';
    const route = limitRoute(routeTemplate(req));
    const status = limitStatus(String(res.statusCode));
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = histogram.labels(method, route, status);
      children.set(key, child);
    }
    child.observe(seconds);
  };

  const handler: Handler = (req, res, next) => {
    checkPlacement(req, monitor.logger);
    const marked = req as MonitoredRequest & { [SEEN]?: true };
    if (marked[SEEN]) return next();
    marked[SEEN] = true;
    const start = performance.now();
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      try {
        observe(req, res, (performance.now() - start) / 1000);
      } catch (error) {
        monitor.logger.error('Recording the request duration failed.', error);
      }
    };
    res.once('finish', finish);
    res.once('close', finish);
    // Gives the request its own Sentry scope, so breadcrumbs and request data stay with it.
    monitor.withRequest(req, next);
  };
  return markHandler(handler, 'middleware');
}
