import { renderExposition } from '@4site/monitor-node';
import { type HealthOptions, livenessHandler, readinessHandler } from './health';
import type { Handler } from './http-types';
import { sendJson } from './http-types';
import { type IngestOptions, ingestHandler } from './ingest/ingest-handler';
import type { MonitorLike } from './monitor-like';
import { tagRoute } from './route';

/** Paths, limits and checks of the SDK's endpoints. */
export interface EndpointOptions extends IngestOptions, HealthOptions {
  /** Default: `/metrics`. */
  metricsPath?: string;
  /** Readiness; liveness is served at `<healthPath>/live`, readiness also at `<healthPath>/ready`. Default: `/health`. */
  healthPath?: string;
  /** Default: `/monitor/ingest`. */
  ingestPath?: string;
}

/**
 * Serves the monitor's registry: the Prometheus text format, or OpenMetrics when the `Accept`
 * header prefers it (as Prometheus's scraper does).
 */
export function metricsHandler(monitor: MonitorLike): Handler {
  return (req, res) => {
    // The response is sent after the handler returned, so no failure may escape as an unhandled
    // rejection in the app.
    renderExposition(monitor.registry, String(req.headers.accept ?? ''))
      .then(({ contentType, body }) => {
        res.statusCode = 200;
        res.setHeader('content-type', contentType);
        res.end(body);
      })
      .catch((error: unknown) => {
        try {
          monitor.logger.error('Sending the /metrics response failed.', error);
          if (!res.headersSent) sendJson(res, 500, { error: 'Rendering metrics failed.' });
        } catch {
          // The response object is not a real one, so nothing can be sent.
        }
      });
  };
}

/** Serves `/health` as readiness with the given checks, for apps that mount it alone. */
export function healthHandler(monitor: MonitorLike, options: HealthOptions = {}): Handler {
  return readinessHandler(monitor, options);
}

/**
 * Serves `/metrics`, `/health` (readiness), `/health/live`, `/health/ready` and
 * `/monitor/ingest` from one middleware. It matches exact paths only, so it can sit in front of
 * the app's own routes. Mount it before body parsers, so the ingest endpoint reads its own body.
 */
export function monitorEndpoints(monitor: MonitorLike, options: EndpointOptions = {}): Handler {
  const health = options.healthPath ?? '/health';
  const ready = readinessHandler(monitor, options);
  const routes = new Map<string, Handler>([
    [options.metricsPath ?? '/metrics', metricsHandler(monitor)],
    [health, ready],
    [`${health}/ready`, ready],
    [`${health}/live`, livenessHandler(monitor)],
    [options.ingestPath ?? '/monitor/ingest', ingestHandler(monitor, options)],
  ]);
  return (req, res, next) => {
    // indexOf() rather than split(), so a request without a query string allocates nothing here.
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const handler = routes.get(path);
    if (!handler) return next();
    tagRoute(req, path);
    handler(req, res, next);
  };
}
