import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function bundleSdk() {
  const result = await build({
    stdin: {
      contents: `import { initMonitor, trackVisit } from '@4site/monitor-browser';
        window.sdk = { initMonitor, trackVisit };`,
      resolveDir: BENCH_DIR,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function startPageServer(script) {
  const page = `<!doctype html><html><body><script>${script}</script></body></html>`;
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/') res.setHeader('content-type', 'text/html');
    res.statusCode = req.method === 'POST' ? 202 : 200;
    req.on('end', () => res.end(req.url === '/' ? page : '{}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

// Runs in the page: times `count` tracked events after a short warm-up and returns ms per event.
// The count stays under the default queue cap of 500, so every timed event is queued, not dropped.
// The timing starts once the monitor's code has loaded, so it covers validation and the transport.
async function timeEvents(count) {
  const monitor = window.sdk.initMonitor({ service: 'bench' });
  await monitor.ready;
  for (let index = 0; index < 40; index++) window.sdk.trackVisit(monitor, { channel: 'direct' });
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    window.sdk.trackVisit(monitor, { channel: 'social', page: '/' });
  }
  return (performance.now() - start) / count;
}

/** Measures the main-thread milliseconds per tracked event in Debian's Chromium. */
export async function browserCpu({ rounds, calls }) {
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const server = await startPageServer(await bundleSdk());
  const browser = await chromium.launch({
    executablePath: executablePath.trim(),
    args: CHROMIUM_ARGS,
  });
  const samples = { 'trackVisit() in Chromium': { millisPerEvent: [] } };
  try {
    for (let round = 0; round < rounds; round++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      samples['trackVisit() in Chromium'].millisPerEvent.push(
        await page.evaluate(timeEvents, calls),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { contenders: Object.keys(samples), samples };
}
