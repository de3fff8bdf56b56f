// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../dist/index.js');

// Server rendering runs the browser monitor in Node. Its timers, here a retry of a delivery to a
// closed port, must not keep the process alive once the app's own work is done.
it('lets a Node process end with events still queued', () => {
  const script = `
    const { initMonitor, trackVisit } = await import(${JSON.stringify(DIST)});
    const monitor = initMonitor({ endpoint: 'http://127.0.0.1:9/monitor/ingest', flushIntervalMillis: 100 });
    trackVisit(monitor, { channel: 'direct' });
    await monitor.ready;
    trackVisit(monitor, { channel: 'paid' });
    await new Promise((resolve) => setTimeout(resolve, 300));
  `;
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });

  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(Date.now() - started).toBeLessThan(15_000);
});
