import type { Handler } from './http-types';
import { sendJson } from './http-types';
import { type IngestOptions, ingestHandler } from './ingest';
import type { MonitorLike } from './monitor-like';
import { tagRoute } from './route';

/** Paths and limits of the SDK's endpoints. */
export interface EndpointOptions extends IngestOptions {
  /** Default: `/metrics`. */
  metricsPath?: string;
  /** Default: `/health`. */
  healthPath?: string;
  /** Default: `/monitor/ingest`. */
  ingestPath?: string;
}

/** Serves the Prometheus exposition of the monitor's registry. */
export function metricsHandler(monitor: MonitorLike): Handler {
  return (_req, res) => {
    monitor.registry.metrics().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('content-type', monitor.registry.contentType);
        res.end(text);
      },
      (error: unknown) => {
        monitor.logger.error('Rendering /metrics failed.', error);
        sendJson(res, 500, { error: 'Rendering metrics failed.' });
      },
    );
  };
}

/** Serves liveness checks with the service name and uptime. */
export function healthHandler(monitor: MonitorLike): Handler {
  return (_req, res) => {
    sendJson(res, 200, {
      status: 'ok',
      service: monitor.service,
      uptimeSeconds: Math.round(process.uptime()),
    });
  };
}

/**
 * Serves `/metrics`, `/health` and `/monitor/ingest` from one middleware. It matches exact paths
 * only, so it can sit in front of the app's own routes.
 */
export function monitorEndpoints(monitor: MonitorLike, options: EndpointOptions = {}): Handler {
  const routes = new Map<string, Handler>([
    [options.metricsPath ?? '/metrics', metricsHandler(monitor)],
    [options.healthPath ?? '/health', healthHandler(monitor)],
    [options.ingestPath ?? '/monitor/ingest', ingestHandler(monitor, options)],
  ]);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(path);
    if (!handler) return next();
    tagRoute(req, path);
    handler(req, res, next);
  };
}
