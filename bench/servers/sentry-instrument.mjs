// Sentry's documented Express setup: init before the app is imported, tracing left off.
import * as Sentry from '@sentry/node';

Sentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false });
