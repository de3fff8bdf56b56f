// An Express app with one monitoring setup, chosen by the CONTENDER variable, for the
// request-overhead benchmark. It prints `listening <port>` once it accepts connections.
import { createRequire } from 'node:module';
import express from 'express';

const contender = process.env.CONTENDER ?? 'bare';
const require = createRequire(import.meta.url);
const app = express();

const setups = {
  bare() {},
  'monitor-middleware': async () => {
    const { createNodeMonitor } = await import('@4site/monitor-node');
    const { monitorMiddleware } = await import('@4site/monitor-express');
    app.use(monitorMiddleware(createNodeMonitor({ prometheus: { defaultMetrics: false } })));
  },
  'prom-client-histogram': () => {
    const { Histogram } = require('prom-client');
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Request duration.',
      labelNames: ['method', 'route', 'status_code'],
    });
    app.use((req, res, next) => {
      const end = histogram.startTimer();
      res.on('finish', () => {
        const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        end({ method: req.method, route, status_code: res.statusCode });
      });
      next();
    });
  },
  'express-prom-bundle': () => {
    const promBundle = require('express-prom-bundle');
    app.use(promBundle({ includeMethod: true, includePath: true, includeStatusCode: true }));
  },
  'full-sdk': () => fullSdk(),
  // The same with sentry.isolateRequests off: no AsyncLocalStorage per request.
  'full-sdk-shared-scope': () => fullSdk({ isolateRequests: false }),
  // The same, started by monitor-preload.mjs before Express loads.
  'full-sdk-preload': () => fullSdk(),
  // Set up as Sentry's Express guide describes: init in a preload (sentry-instrument.mjs), then the
  // error handler after the routes.
  'sentry-plain': async () => {
    const Sentry = await import('@sentry/node');
    app.locals.afterRoutes = () => Sentry.setupExpressErrorHandler(app);
  },
};

async function fullSdk(sentry = {}) {
  const { initMonitor } = await import('@4site/monitor-node');
  const express = await import('@4site/monitor-express');
  const monitor =
    globalThis.benchMonitor ?? initMonitor({ service: 'bench', ...sentryOptions(sentry) });
  app.use(express.monitorMiddleware(monitor));
  app.use(express.monitorEndpoints(monitor));
  app.locals.errorHandler = express.monitorErrorHandler(monitor);
}

function sentryOptions(sentry) {
  const dsn = process.env.SENTRY_DSN;
  return dsn ? { sentry: { dsn, ...sentry } } : {};
}

await setups[contender]();
app.get('/ping', (_req, res) => {
  res.send('ok');
});
app.get('/sites/:id', (req, res) => {
  res.json({ id: req.params.id });
});
if (app.locals.errorHandler) app.use(app.locals.errorHandler);
app.locals.afterRoutes?.();

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
