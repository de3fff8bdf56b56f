// Sentry's tracing integration in a module of its own, which the monitor imports only when
// `sentry.tracesSampleRate` is above 0, so pages without tracing never download it.
export { browserTracingIntegration } from '@sentry/browser';
