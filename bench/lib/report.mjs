import { cpus, totalmem } from 'node:os';
import { formatNumber, formatSample, median } from './stats.mjs';

const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const ratio = (value, baseline) => `${(value / baseline).toFixed(2)}x`;
const verdict = (ok) => (ok ? 'met' : '**missed**');

/** Describes the machine and run, so numbers from different runs are not compared blindly. */
export function machineSection({ smoke, startedAt }) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `Run: ${startedAt.toISOString()}, ${smoke ? 'smoke run (short, numbers indicative only)' : 'full run'}.`,
    `Machine: ${cpus().length} x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}.`,
    'Each figure is the median over rounds, with ± half the min-max range relative to the median.',
    'Contenders alternate within each round, so drift of the shared machine hits all of them.',
  ].join('\n');
}

export function expressSection({ contenders, routes, samples, generator }) {
  const rows = [];
  for (const route of routes) {
    const bare = samples[`bare ${route}`];
    for (const contender of contenders) {
      const sample = samples[`${contender} ${route}`];
      const addedP99 = median(sample.p99Single) - median(bare.p99Single);
      rows.push([
        contender,
        route,
        formatSample(sample.requestsPerSecond, 0),
        ratio(median(sample.requestsPerSecond), median(bare.requestsPerSecond)),
        formatSample(sample.cpuMicrosPerRequest, 1),
        ratio(median(bare.cpuMicrosPerRequest), median(sample.cpuMicrosPerRequest)),
        formatSample(sample.p50Single, 3),
        formatSample(sample.p99Single, 3),
        contender === 'bare' ? '' : formatNumber(addedP99, 3),
        formatSample(sample.p99, 1),
      ]);
    }
  }
  const header = [
    'setup',
    'route',
    'req/s',
    'vs bare',
    'server CPU µs/req',
    'vs bare (CPU)',
    'p50 ms, 1 conn.',
    'p99 ms, 1 conn.',
    'p99 added ms',
    'p99 ms, 50 conn.',
  ];
  const notes = [
    `Load from ${generator ?? 'autocannon'} on CPU 0, server on CPU 1. Throughput and CPU come from 50 connections; latency from one connection, where it is the request's own time rather than queueing. "vs bare (CPU)" is bare Express's server CPU time per request divided by the setup's: the share of bare throughput the setup keeps when the server's core is the limit, which drifts less than req/s when the load generator's share of the machine varies.`,
    ...routes.map((route) => expressTargets(samples, route)),
  ];
  return `${table(header, rows)}\n\n${notes.join('\n')}`;
}

function expressTargets(samples, route) {
  const bare = samples[`bare ${route}`];
  const of = (name, metric) => median(samples[`${name} ${route}`]?.[metric] ?? []);
  const keep = (name) => of(name, 'requestsPerSecond') / median(bare.requestsPerSecond);
  const keepCpu = (name) => median(bare.cpuMicrosPerRequest) / of(name, 'cpuMicrosPerRequest');
  const added = of('monitor-middleware', 'p99Single') - median(bare.p99Single);
  const percent = (value) => `${Math.round(value * 100)}%`;
  const middleware = `monitorMiddleware keeps ${percent(keep('monitor-middleware'))} by req/s and ${percent(keepCpu('monitor-middleware'))} by CPU (target 97%: ${verdict(keep('monitor-middleware') >= 0.97)} by req/s, ${verdict(keepCpu('monitor-middleware') >= 0.97)} by CPU) and adds ${formatNumber(added, 3)} ms at p99 (target at most 0.2 ms: ${verdict(added <= 0.2)})`;
  const full = `the full SDK keeps ${percent(keep('full-sdk'))} by req/s and ${percent(keepCpu('full-sdk'))} by CPU (target 90%: ${verdict(keep('full-sdk') >= 0.9)} by req/s, ${verdict(keepCpu('full-sdk') >= 0.9)} by CPU)`;
  const shared = `with \`sentry.isolateRequests: false\` it keeps ${percent(keep('full-sdk-shared-scope'))} by req/s and ${percent(keepCpu('full-sdk-shared-scope'))} by CPU`;
  return `- ${route}: ${middleware}; ${full}; ${shared}.`;
}

export function requestContextSection({ contenders, samples }) {
  const baseline = median(samples[contenders[0]].nanosPerRequest);
  const rows = contenders.map((name) => [
    name,
    formatSample(samples[name].nanosPerRequest, 0),
    formatNumber(median(samples[name].nanosPerRequest) - baseline, 0),
  ]);
  return table(['context per request', 'ns per request', 'added ns'], rows);
}

export function trackSection({ contenders, samples }) {
  const baseline = median(samples[contenders[0]].nanosPerEvent);
  const rows = contenders.map((name) => [
    name,
    formatSample(samples[name].nanosPerEvent, 0),
    ratio(median(samples[name].nanosPerEvent), baseline),
  ]);
  const worst = Math.max(...contenders.slice(2).map((name) => median(samples[name].nanosPerEvent)));
  return `${table(['call', 'ns per event', `vs ${contenders[0]}`], rows)}\n\n- Slowest track call: ${formatNumber(worst, 0)} ns (target at most 1000 ns: ${verdict(worst <= 1000)}).`;
}

export function scrapeSection({ contenders, samples }) {
  const rows = contenders.map((name) => {
    const series = name.split(' ').pop();
    const baseline = samples[`prom-client registry.metrics() ${series}`];
    return [
      name.replace(` ${series}`, ''),
      Number(series).toLocaleString('en-US'),
      formatSample(samples[name].renderMillis),
      ratio(median(samples[name].renderMillis), median(baseline.renderMillis)),
      formatSample(samples[name].maxStallMillis),
    ];
  });
  const worst = Math.max(
    ...contenders
      .filter((name) => name.startsWith('SDK'))
      .map((name) => median(samples[name].maxStallMillis)),
  );
  const header = [
    'renderer',
    'series',
    'render ms',
    'vs prom-client',
    'longest event-loop stall ms',
  ];
  return `${table(header, rows)}\n\n- Longest SDK stall: ${formatNumber(worst)} ms (target at most 20 ms: ${verdict(worst <= 20)}).`;
}

export function ingestSection({ contenders, samples }) {
  const rows = contenders.map((name) => [
    name,
    formatSample(samples[name].eventsPerSecond, 0),
    formatSample(samples[name].requestsPerSecond, 0),
  ]);
  return table(['request', 'events/s', 'requests/s'], rows);
}

export function cardinalitySection(result) {
  const growthMb = result.heapGrowthBytes / 2 ** 20;
  const rows = [
    ['requests sent', result.requests.toLocaleString('en-US')],
    ['series before', String(result.seriesBefore)],
    ['series after', String(result.seriesAfter)],
    ['rejected with 4xx', result.rejected.toLocaleString('en-US')],
    ['heap growth after GC', `${growthMb.toFixed(1)} MB`],
  ];
  return `${table(['measure', 'value'], rows)}\n\n- Heap growth target at most 50 MB: ${verdict(growthMb <= 50)}.`;
}

function bundlerBytes(bundler, { entries, vendors }) {
  const bytes = (value) => value.toLocaleString('en-US');
  const rows = [];
  for (const [app, entry] of Object.entries(entries)) {
    if (entry.error) {
      rows.push([app, 'not measured', entry.error, '', '']);
      continue;
    }
    rows.push([app, 'at start (any options)', bytes(entry.start.gzip), '', '']);
    for (const [name, loaded] of Object.entries(entry.configurations)) {
      const added = name === 'no vendor' ? '' : bytes(loaded.added);
      rows.push([app, `after start-up, ${name}`, bytes(loaded.gzip), bytes(loaded.files), added]);
    }
  }
  const vendorRows = Object.entries(vendors).map(([name, result]) =>
    result.error
      ? [name, 'not measured', result.error]
      : [name, bytes(result.gzip), bytes(result.min)],
  );
  const starts = Object.entries(entries)
    .filter(([app]) => app === 'browser' || app === 'react')
    .map(([, entry]) => entry.start?.gzip ?? Number.NaN);
  const start = Math.max(...starts);
  const fetchedLazily = entries.browser?.configurations?.['no vendor'];
  const added = Object.values(entries).flatMap((entry) =>
    Object.entries(entry.configurations ?? {})
      .filter(([name]) => name !== 'no vendor')
      .map(([, loaded]) => loaded.added),
  );
  // An entry that could not be bundled leaves the verdict open rather than met.
  const worstAdded = added.length > 0 ? Math.max(...added) : Number.NaN;
  const header = [
    'entry',
    'what the page has fetched',
    'gzip bytes',
    'files',
    'gzip bytes of the vendor wrappers',
  ];
  return `### ${bundler}

${table(header, rows)}

Vendor SDKs alone, bundled the same way (code fetched at start; DataDog's replay and profiler chunks are left out, as the monitor leaves those features off):

${table(['SDK', 'gzip bytes', 'minified bytes'], vendorRows)}

- After start-up with no vendor, web-vitals included: ${fetchedLazily ? bytes(fetchedLazily.gzip) : 'not measured'} bytes gzip.
- Browser and React entries with no vendor, at start, the larger: ${bytes(start)} bytes gzip (target at most 5,120: ${verdict(start <= 5120)}); no vendor code is fetched then.
- Wrapper beyond the vendor SDKs it loads, worst configuration: ${bytes(worstAdded)} bytes gzip (target at most 3,072: ${verdict(worstAdded <= 3072)}).`;
}

export function bytesSection(results) {
  const sections = Object.entries(results).map(([bundler, result]) =>
    bundlerBytes(bundler, result),
  );
  return `"At start" is the entry chunk and every chunk it imports statically: what the page downloads before it runs. The monitor's validation, catalog, transport and web vitals are fetched after start-up, and each vendor's wrapper with its SDK, only when configured. Chunks are compressed one by one, as a server sends them. A vendor wrapper's bytes are those of the configuration minus those of the monitor without vendors and minus the vendor SDK alone.

${sections.join('\n\n')}`;
}

export function browserCpuSection({ contenders, samples }) {
  const rows = contenders.map((name) => [name, formatSample(samples[name].millisPerEvent, 4)]);
  const worst = Math.max(...contenders.map((name) => median(samples[name].millisPerEvent)));
  return `${table(['call', 'ms per event'], rows)}\n\n- Target under 0.1 ms per event: ${verdict(worst < 0.1)}.`;
}

export function sizeLimitSection(rows) {
  const body = rows.map((row) => [
    row.package,
    row.name,
    row.size.toLocaleString('en-US'),
    row.sizeLimit.toLocaleString('en-US'),
    row.passed ? 'within' : '**over**',
  ]);
  return table(['package', 'entry', 'brotli bytes', 'budget bytes', 'budget'], body);
}
