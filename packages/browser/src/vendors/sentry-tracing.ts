// Sentry's tracing integration as an entry of its own, `@4site/monitor-browser/sentry-tracing`,
// which an app loads through the `sentry.tracing` option only when it traces.
export { browserTracingIntegration } from '@sentry/browser';
