// Starts the full SDK before the app imports Express, as in a file given to `node --import`, so
// that Sentry's module hooks see Express load. express-app.mjs then reuses this monitor.
import { initMonitor } from '@4site/monitor-node';

const dsn = process.env.SENTRY_DSN;
globalThis.benchMonitor = initMonitor({ service: 'bench', ...(dsn ? { sentry: { dsn } } : {}) });
