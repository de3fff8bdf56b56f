export {
  type EndpointOptions,
  healthHandler,
  metricsHandler,
  monitorEndpoints,
} from './endpoints';
export { monitorErrorHandler } from './error-handler';
export {
  type HealthCheck,
  type HealthOptions,
  livenessHandler,
  readinessHandler,
} from './health';
export type { ErrorHandler, Handler, MonitoredRequest, NextFunction } from './http-types';
export type { ClientRateLimit } from './ingest/client-limiter';
export {
  INGEST_REJECT_REASONS,
  type IngestOptions,
  ingestHandler,
} from './ingest/ingest-handler';
export type { RejectedEvent } from './ingest/parse-batch';
export { HTTP_DURATION_METRIC, type MiddlewareOptions, monitorMiddleware } from './middleware';
export type { MonitorLike } from './monitor-like';
export { OVERFLOW_ROUTE, UNMATCHED_ROUTE } from './route';
export {
  type AuthFailureOptions,
  type AuthFailureReason,
  authFailureMiddleware,
  type RateLimitHandlerOptions,
  rateLimitHandler,
  recordAuthFailure,
} from './security';
