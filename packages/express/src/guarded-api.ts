import { guardConfig } from '@4site/monitor-core';
import * as endpoints from './endpoints';
import { monitorErrorHandler as errorHandlerUnguarded } from './error-handler';
import * as health from './health';
import { ingestHandler as ingestHandlerUnguarded } from './ingest/ingest-handler';
import { monitorMiddleware as middlewareUnguarded } from './middleware';
import { failureLogOf, guardHandlerFactory, safeErrorHandler } from './safe-handlers';
import * as security from './security';

// Handler factories, wrapped so that bad options raise a MonitorError at start-up, and so that
// the handlers they return never throw into Express, whatever request and response they get.
// The index exports these names instead of the unwrapped ones.

export const authFailureMiddleware = /* @__PURE__ */ guardHandlerFactory(
  'authFailureMiddleware',
  security.authFailureMiddleware,
);
export const healthHandler = /* @__PURE__ */ guardHandlerFactory(
  'healthHandler',
  endpoints.healthHandler,
);
export const ingestHandler = /* @__PURE__ */ guardHandlerFactory(
  'ingestHandler',
  ingestHandlerUnguarded,
);
export const livenessHandler = /* @__PURE__ */ guardHandlerFactory(
  'livenessHandler',
  health.livenessHandler,
);
export const metricsHandler = /* @__PURE__ */ guardHandlerFactory(
  'metricsHandler',
  endpoints.metricsHandler,
);
export const monitorEndpoints = /* @__PURE__ */ guardHandlerFactory(
  'monitorEndpoints',
  endpoints.monitorEndpoints,
);
export const monitorErrorHandler = /* @__PURE__ */ guardConfig(
  'monitorErrorHandler',
  (monitor: Parameters<typeof errorHandlerUnguarded>[0], ...misuse: unknown[]) =>
    safeErrorHandler(
      errorHandlerUnguarded(monitor, ...misuse),
      failureLogOf('monitorErrorHandler', monitor),
    ),
);
export const monitorMiddleware = /* @__PURE__ */ guardHandlerFactory(
  'monitorMiddleware',
  middlewareUnguarded,
);
export const rateLimitHandler = /* @__PURE__ */ guardHandlerFactory(
  'rateLimitHandler',
  security.rateLimitHandler as never,
) as typeof security.rateLimitHandler;
export const readinessHandler = /* @__PURE__ */ guardHandlerFactory(
  'readinessHandler',
  health.readinessHandler,
);
