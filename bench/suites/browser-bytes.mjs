import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize } from '../lib/bundle.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const BROWSER_DIR = dirname(createRequire(import.meta.url).resolve('@4site/monitor-browser'));

const ENTRIES = {
  'browser, no vendor': {
    source: `import { initMonitor, trackVisit } from '@4site/monitor-browser';
      trackVisit(initMonitor(), { channel: 'direct' });`,
    resolveDir: BENCH_DIR,
  },
  'react, no vendor': {
    source: `export { MonitorProvider, useMonitor, trackShare } from '@4site/monitor-react';`,
    resolveDir: BENCH_DIR,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
  '@sentry/browser alone': {
    source: `import * as Sentry from '@sentry/browser'; Sentry.init({ dsn: '' });`,
    resolveDir: BROWSER_DIR,
  },
  '@datadog/browser-rum alone': {
    source: `import { datadogRum } from '@datadog/browser-rum';
      datadogRum.init({ applicationId: 'a', clientToken: 'b' });`,
    resolveDir: BROWSER_DIR,
  },
  'web-vitals attribution build alone': {
    source: `import { onLCP, onINP, onCLS, onFCP, onTTFB } from 'web-vitals/attribution';
      [onLCP, onINP, onCLS, onFCP, onTTFB].forEach((on) => on(console.log));`,
    resolveDir: BROWSER_DIR,
  },
};

/** Bundles each entry as an app would and reports its minified and gzip bytes. */
export async function browserBytes() {
  const results = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    try {
      results[name] = await bundleSize(entry.source, entry);
    } catch (error) {
      // A vendor SDK that is not installed here is reported as such, not left out.
      results[name] = { error: String(error.message ?? error).split('\n')[0] };
    }
  }
  return results;
}
