import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './support/bundle';

let primary: ChildProcess;
let base = '';

beforeAll(async () => {
  const script = await bundleFixture(join(import.meta.dirname, 'fixtures', 'cluster-app.ts'));
  primary = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = (await once(primary, 'message')) as [{ port: number }];
  base = `http://127.0.0.1:${message.port}`;
}, 30_000);

afterAll(() => {
  primary?.kill('SIGTERM');
});

async function scrape() {
  const started = performance.now();
  const text = await (await fetch(`${base}/metrics`)).text();
  const social = /^foursite_visits_total\{channel="social"\} (\d+)$/m.exec(text)?.[1];
  return { text, social: Number(social), millis: performance.now() - started };
}

describe('cluster metrics', () => {
  it('sums the counters of both workers', async () => {
    const { text, social } = await scrape();

    expect(social).toBe(6);
    expect(text.match(/^# TYPE foursite_visits_total counter$/gm)).toHaveLength(1);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('keeps a dead worker counted and does not wait for it', async () => {
    await fetch(`${base}/kill`);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const afterDeath = await scrape();
    await fetch(`${base}/fork`);
    const afterFork = await scrape();

    expect(afterDeath.social).toBe(6);
    expect(afterDeath.millis).toBeLessThan(1500);
    expect(afterFork.social).toBe(9);
  });

  it('answers with the last counts of a worker that hangs', async () => {
    await fetch(`${base}/hang`);

    const { social, millis } = await scrape();

    expect(social).toBe(9);
    expect(millis).toBeGreaterThanOrEqual(1900);
    expect(millis).toBeLessThan(6000);
  });
});
