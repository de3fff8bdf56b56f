import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleChunks, fetchedBytes } from '../lib/bundle.mjs';
import { viteChunks } from '../lib/bundle-vite.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const BROWSER_DIR = dirname(createRequire(import.meta.url).resolve('@4site/monitor-browser'));

const BROWSER_APP = `import { initMonitor, trackVisit } from '@4site/monitor-browser';
  trackVisit(initMonitor(), { channel: 'direct' });`;
// An app that traces with Sentry passes the loader of the tracing entry.
const TRACING_APP = `import { initMonitor } from '@4site/monitor-browser';
  initMonitor({ sentry: { dsn: 'x', tracesSampleRate: 1,
    tracing: () => import('@4site/monitor-browser/sentry-tracing') } });`;
const REACT_APP = `import { MonitorProvider, useMonitor, trackShare } from '@4site/monitor-react';
  window.app = { MonitorProvider, useMonitor, trackShare };`;

// Lazy chunks of the monitor, by the source module they are for. A page fetches them according to
// its options. The vendors' own lazy chunks, DataDog's replay recorder and profiler, serve
// features that the monitor leaves off by default, so no configuration follows them.
const RUNTIME = /create-browser-monitor|collect-web-vitals|web-vitals\.attribution/;
const CONFIGURATIONS = {
  'no vendor': RUNTIME,
  Sentry: new RegExp(`${RUNTIME.source}|sentry-sink`),
  DataDog: new RegExp(`${RUNTIME.source}|datadog-sink`),
  'Sentry and DataDog': new RegExp(`${RUNTIME.source}|sentry-sink|datadog-sink`),
};
const TRACING = {
  'Sentry with tracing': new RegExp(`${RUNTIME.source}|sentry-sink|sentry-tracing`),
};

// Each vendor SDK bundled alone, with the calls that the monitor's wrapper makes, as an app that
// wires the SDK by hand would make them.
const SENTRY_CALLS = `Sentry.captureException(new Error('x')); Sentry.addBreadcrumb({});
  Sentry.setUser(null); Sentry.setContext('app', {}); Sentry.getCurrentScope().setTransactionName('/');
  Sentry.flush(1);`;
const VENDORS_ALONE = {
  'web-vitals attribution build': `import { onLCP, onINP, onCLS, onFCP, onTTFB } from 'web-vitals/attribution';
    [onLCP, onINP, onCLS, onFCP, onTTFB].forEach((on) => on(console.log));`,
  '@sentry/browser': `import * as Sentry from '@sentry/browser'; Sentry.init({ dsn: '' });
    ${SENTRY_CALLS}`,
  '@sentry/browser with tracing': `import * as Sentry from '@sentry/browser';
    Sentry.init({ dsn: '', integrations: [Sentry.browserTracingIntegration()] }); ${SENTRY_CALLS}`,
  '@datadog/browser-rum': `import { datadogRum } from '@datadog/browser-rum';
    datadogRum.init({ applicationId: 'a', clientToken: 'b' }); datadogRum.addAction('x', {});
    datadogRum.addError(new Error('x')); datadogRum.setUser({ id: 'u' }); datadogRum.clearUser();
    datadogRum.setViewName('/'); datadogRum.setTrackingConsent('granted');`,
};
const VENDORS_OF = {
  'no vendor': [],
  Sentry: ['@sentry/browser'],
  'Sentry with tracing': ['@sentry/browser with tracing'],
  DataDog: ['@datadog/browser-rum'],
  'Sentry and DataDog': ['@sentry/browser', '@datadog/browser-rum'],
};

/** Bundlers an app may use: esbuild, and Vite 8 (Rolldown), with which the 4site React app is built. */
const BUNDLERS = {
  'esbuild 0.27': bundleChunks,
  'Vite 8.4 (Rolldown)': viteChunks,
};

/**
 * Bundles the browser and React entries as an app would, with each bundler, and reports the gzip
 * bytes that a page fetches at start and once each vendor configuration has loaded, beside the
 * vendor SDKs alone.
 */
export async function browserBytes() {
  const results = {};
  for (const [bundler, bundle] of Object.entries(BUNDLERS)) {
    results[bundler] = await measureWith(bundle);
  }
  return results;
}

async function measureWith(bundleWith) {
  const vendors = {};
  for (const [name, source] of Object.entries(VENDORS_ALONE)) {
    vendors[name] = await measure(bundleWith, source, { resolveDir: BROWSER_DIR });
  }
  const entries = {};
  const apps = {
    browser: [BROWSER_APP, { resolveDir: BENCH_DIR }, CONFIGURATIONS],
    'browser, tracing loader': [TRACING_APP, { resolveDir: BENCH_DIR }, TRACING],
    react: [
      REACT_APP,
      { resolveDir: BENCH_DIR, external: ['react', 'react-dom', 'react/jsx-runtime'] },
      CONFIGURATIONS,
    ],
  };
  for (const [app, [source, options, wanted]] of Object.entries(apps)) {
    try {
      entries[app] = configurations(await bundleWith(source, options), vendors, wanted);
    } catch (error) {
      entries[app] = { error: String(error.message ?? error).split('\n')[0] };
    }
  }
  return { entries, vendors };
}

function configurations(bundle, vendors, wanted) {
  const base = fetchedBytes(bundle, (entryPoint) => RUNTIME.test(entryPoint));
  const result = { start: fetchedBytes(bundle), configurations: {} };
  for (const [name, follows] of Object.entries(wanted)) {
    const loaded = fetchedBytes(bundle, (entryPoint) => follows.test(entryPoint));
    // What the vendor's wrapper adds: the bytes beyond the monitor without vendors and beyond
    // the vendor SDK itself, measured alone.
    const vendorGzip = VENDORS_OF[name].reduce((sum, v) => sum + (vendors[v].gzip ?? 0), 0);
    result.configurations[name] = { ...loaded, added: loaded.gzip - base.gzip - vendorGzip };
  }
  return result;
}

async function measure(bundleWith, source, options) {
  try {
    return fetchedBytes(await bundleWith(source, options));
  } catch (error) {
    // A vendor SDK that is not installed here is reported as such, not left out.
    return { error: String(error.message ?? error).split('\n')[0] };
  }
}
