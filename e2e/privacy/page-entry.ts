// The privacy spec's page: it starts the monitor with both vendors and exposes it, so the spec can
// plant personal data through the same calls an app makes. esbuild bundles it when the spec starts.
import { initMonitor, trackLead } from '@4site/monitor-browser';
import * as Sentry from '@sentry/browser';

interface PageConfig {
  endpoint: string;
  sentryDsn: string;
  datadogProxy: string;
}

const holder = globalThis as unknown as { __PRIVACY__: PageConfig; privacy: unknown };
const config = holder.__PRIVACY__;
const monitor = initMonitor({
  service: 'privacy-e2e',
  release: '1.0.0',
  endpoint: config.endpoint,
  flushIntervalMillis: 100,
  apiOrigins: [`${location.origin}/api`],
  sentry: {
    dsn: config.sentryDsn,
    tracesSampleRate: 1,
    tracing: () => import('@4site/monitor-browser/sentry-tracing'),
  },
  datadog: {
    applicationId: 'privacy-app',
    clientToken: 'pub-privacy',
    proxy: config.datadogProxy,
    trackLongTasks: false,
  },
});

holder.privacy = {
  monitor,
  trackLead,
  addBreadcrumb: (breadcrumb: Sentry.Breadcrumb) => Sentry.addBreadcrumb(breadcrumb),
};
