export {
  type EndpointOptions,
  healthHandler,
  metricsHandler,
  monitorEndpoints,
} from './endpoints';
export { monitorErrorHandler } from './error-handler';
export type { ErrorHandler, Handler, MonitoredRequest, NextFunction } from './http-types';
export { type IngestOptions, ingestHandler, type RejectedEvent } from './ingest';
export { HTTP_DURATION_METRIC, type MiddlewareOptions, monitorMiddleware } from './middleware';
export type { MonitorLike } from './monitor-like';
export { OVERFLOW_ROUTE, UNMATCHED_ROUTE } from './route';
