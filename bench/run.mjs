// Runs every benchmark and writes docs/benchmarks.md (or, with --smoke, a short run to
// bench/results/smoke.md, so CI checks that the benchmarks still work without changing docs).
// With --only NAME,NAME it runs those suites alone and prints their sections.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinSelf } from './lib/processes.mjs';
import * as report from './lib/report.mjs';
import { browserBytes } from './suites/browser-bytes.mjs';
import { browserCpu } from './suites/browser-cpu.mjs';
import { cardinalityAttack } from './suites/cardinality.mjs';
import { expressOverhead } from './suites/express-overhead.mjs';
import { ingestThroughput } from './suites/ingest.mjs';
import { requestContextCost } from './suites/request-context.mjs';
import { scrapeCost } from './suites/scrape.mjs';
import { sizeLimit } from './suites/size-limit.mjs';
import { trackCost } from './suites/track.mjs';

const smoke = process.argv.includes('--smoke');
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag >= 0 ? process.argv[onlyFlag + 1]?.split(',') : undefined;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const settings = smoke
  ? { rounds: 1, seconds: 1, calls: 20_000, browserCalls: 400, attackRequests: 5_000 }
  : { rounds: 3, seconds: 5, calls: 200_000, browserCalls: 400, attackRequests: 1_000_000 };

// Each suite: a title, what it compares, and how to run and render it.
const suites = [
  [
    'express',
    'Express request overhead',
    '50 connections against a trivial route and a route with a parameter; bare Express is the limit.',
    () => expressOverhead(settings),
    report.expressSection,
  ],
  [
    'context',
    'Request context of error capture',
    'Nanoseconds per request-like call (one awaited promise) run inside the context that keeps breadcrumbs and request data with a request, in a process with Sentry initialised.',
    () => requestContextCost(settings),
    report.requestContextSection,
  ],
  [
    'track',
    'track() on Node',
    'Nanoseconds per business event through validation, de-duplication and counters, against a raw prom-client labelled increment (the limit).',
    () => trackCost(settings),
    report.trackSection,
  ],
  [
    'scrape',
    'Scrape cost',
    'Time to render /metrics and the longest event-loop stall during the render, against prom-client registry.metrics().',
    () => scrapeCost(settings),
    report.scrapeSection,
  ],
  [
    'ingest',
    'Ingest throughput',
    'Validated beacon events per second through POST /monitor/ingest, server on one core.',
    () => ingestThroughput(settings),
    report.ingestSection,
  ],
  [
    'cardinality',
    'Cardinality attack',
    'Random paths through the middleware and random label values through the ingest endpoint.',
    () => cardinalityAttack({ requests: settings.attackRequests }),
    report.cardinalitySection,
  ],
  [
    'bytes',
    'Browser bytes',
    'Each entry bundled as an app would, minified and split at dynamic imports, by esbuild 0.27 and by Vite 8.4 (Rolldown), the bundler of the 4site React app; gzip level 9.',
    () => browserBytes(),
    report.bytesSection,
  ],
  [
    'size-limit',
    'Size budgets',
    "size-limit 12.1.0 with the small-lib preset (esbuild, minified, brotli) on each browser package's .size-limit.json. The entries ignore the vendor SDKs, which the monitor loads by dynamic import.",
    () => sizeLimit(),
    report.sizeLimitSection,
  ],
  [
    'browser-cpu',
    'Browser main-thread cost',
    `Milliseconds per trackVisit() in Debian's Chromium, ${settings.browserCalls} events per page after a warm-up.`,
    () => browserCpu({ rounds: Math.max(settings.rounds * 2, 3), calls: settings.browserCalls }),
    report.browserCpuSection,
  ],
];

// The load generator runs on CPU 0 and every server on CPU 1, so they never share a core.
pinSelf(0);
const startedAt = new Date();
const sections = [];
for (const [name, title, description, run, render] of suites) {
  if (only && !only.includes(name)) continue;
  console.log(`running ${name}...`);
  sections.push(`## ${title}\n\n${description}\n\n${render(await run())}`);
}

// Hand-written analysis of the causes behind the numbers, kept beside the generated tables.
const findingsFile = join(root, 'bench/findings.md');
if (!only && existsSync(findingsFile)) sections.push(readFileSync(findingsFile, 'utf8').trim());

const text = `# Benchmarks\n\nWritten by \`pnpm bench\` (bench/run.mjs); do not edit by hand.\n\n${report.machineSection({ smoke, startedAt })}\n\n${sections.join('\n\n')}\n`;
const target =
  smoke || only ? join(root, 'bench/results/benchmarks.md') : join(root, 'docs/benchmarks.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text);
console.log(text);
console.log(`wrote ${target}`);
