import { setTimeout as sleep } from 'node:timers/promises';
import { MonitorError } from '@4site/monitor-core';
import { createNodeMonitor } from '@4site/monitor-node';
import { afterEach, describe, expect, it } from 'vitest';
import { readinessHandler } from '../src';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface Health {
  status: string;
  checks: Record<string, { status: string; error?: string }>;
}

async function get(path: string) {
  const response = await fetch(`${app?.url}${path}`);
  return { status: response.status, body: (await response.json()) as Health };
}

describe.each(expressVersions)('/health on %s', (_name, express) => {
  it('reports named checks that pass with 200', async () => {
    const checks = { database: () => Promise.resolve(), cache: () => true };
    app = await startApp(express, { endpoints: { checks } });

    const ready = await get('/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.checks)).toEqual(['database', 'cache']);
    expect(ready.body.checks.database?.status).toBe('ok');
  });

  it('answers 503 naming the failed check without its message', async () => {
    const failure = Object.assign(new Error('password=hunter2 at db.internal'), {
      code: 'ECONNREFUSED',
    });
    const checks = { database: () => Promise.reject(failure), cache: () => true };
    app = await startApp(express, { endpoints: { checks } });

    const ready = await get('/health');
    const live = await get('/health/live');

    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toMatchObject({ status: 'fail', error: 'ECONNREFUSED' });
    expect(ready.body.checks.cache?.status).toBe('ok');
    expect(JSON.stringify(ready.body)).not.toContain('hunter2');
    expect(live.status).toBe(200);
  });

  it('fails a check that outlives its timeout', async () => {
    const checks = { slow: (signal: AbortSignal) => sleep(5_000, undefined, { signal }) };
    app = await startApp(express, { endpoints: { checks, checkTimeoutMillis: 50 } });

    const ready = await get('/health/ready');

    expect(ready.status).toBe(503);
    expect(ready.body.checks.slow?.error).toBe('timed out after 50 ms');
  });

  it('reports shutting down once the monitor is closed', async () => {
    app = await startApp(express);
    await app.monitor.close();

    const ready = await get('/health/ready');

    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('shutting_down');
  });
});

describe('readiness options', () => {
  it.each(['2s', 0, -5, Number.NaN, 700_000])('rejects checkTimeoutMillis %s', async (value) => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    const create = () => readinessHandler(monitor, { checkTimeoutMillis: value as never });

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(/Invalid checkTimeoutMillis .+: use milliseconds from 1 to 600000/);
    await monitor.close();
  });
});
