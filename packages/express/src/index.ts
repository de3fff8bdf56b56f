export type { EndpointOptions } from './endpoints';
export {
  authFailureMiddleware,
  healthHandler,
  ingestHandler,
  livenessHandler,
  metricsHandler,
  monitorEndpoints,
  monitorErrorHandler,
  monitorMiddleware,
  rateLimitHandler,
  readinessHandler,
} from './guarded-api';
export type { HealthCheck, HealthOptions } from './health';
export type { ErrorHandler, Handler, MonitoredRequest, NextFunction } from './http-types';
export type { ClientRateLimit } from './ingest/client-limiter';
export {
  INGEST_REJECT_REASONS,
  type IngestOptions,
} from './ingest/ingest-handler';
export type { RejectedEvent } from './ingest/parse-batch';
export { HTTP_DURATION_METRIC, type MiddlewareOptions } from './middleware';
export type { MonitorLike } from './monitor-like';
export { OVERFLOW_ROUTE, UNMATCHED_ROUTE } from './route';
export {
  type AuthFailureOptions,
  type AuthFailureReason,
  type RateLimitHandlerOptions,
  recordAuthFailure,
} from './security';
