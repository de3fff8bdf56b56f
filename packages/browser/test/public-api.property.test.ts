import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApiSpec,
  checkExport,
  expectEveryFunctionCovered,
} from '../../core/test/public-api-harness';
import * as browser from '../src/index';
import { type BrowserMonitor, initMonitor, MonitorError } from '../src/index';
import { stubNetwork } from './network';

const opened: BrowserMonitor[] = [];
const close = (value: unknown) =>
  (value as { close?: (t: number) => unknown } | undefined)?.close?.(50);
const options = () => ({
  endpoint: 'http://127.0.0.1:9/monitor/ingest',
  logger: undefined,
  debug: false,
});

// `initMonitor()` keeps one open monitor per page, so each call closes the one before it.
function monitor(mode: 'production' | 'development' = 'production'): BrowserMonitor {
  const created = initMonitor({ ...options(), mode });
  opened.push(created);
  return created;
}

const track = (properties: Record<string, unknown>): ApiSpec => ({
  kind: 'runtime',
  valid: () => [monitor(), properties],
  keys: Object.keys(properties),
});

/** Every function export of the browser entry, with how it may react to hostile input. */
const SPECS: Record<string, ApiSpec> = {
  createNoopMonitor: { kind: 'runtime', valid: () => [], methods: true },
  getMonitor: { kind: 'runtime', valid: () => [], methods: true },
  initMonitor: {
    kind: 'config',
    valid: () => [options()],
    keys: [
      'catalog',
      'service',
      'environment',
      'debug',
      'mode',
      'consent',
      'endpoint',
      'maxBatchSize',
      'flushIntervalMillis',
      'maxQueueSize',
      'maxRequestBytes',
    ],
    methods: true,
    cleanup: close,
  },
  MonitorError: { kind: 'runtime', valid: () => ['message'], construct: true },
  trackConversion: track({ stage: 'signup' }),
  trackLead: track({ leadId: 'l-1', source: 'organic' }),
  trackReferral: track({ referralId: 'r-1' }),
  trackSessionEnd: track({ pages: 1 }),
  trackShare: track({ platform: 'x' }),
  trackSiteGenerated: track({ generationId: 'g-1', outcome: 'success' }),
  trackVisit: track({ channel: 'organic', page: '/' }),
};

beforeEach(() => {
  stubNetwork();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((created) => created.close(50)));
  await close(browser.getMonitor());
});

describe('browser public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(browser, SPECS);
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, (browser as unknown as Record<string, never>)[name] as never, spec);
    });
  }
});

// Once its code has loaded, the monitor validates within the call, so the error reaches the caller.
async function loadedMonitor(mode: 'production' | 'development'): Promise<BrowserMonitor> {
  const created = monitor(mode);
  expect(await created.ready).toBe(true);
  return created;
}

describe('browser monitor in development mode', () => {
  it('raises one clear error for an invalid event', async () => {
    const loaded = await loadedMonitor('development');
    const call = () => loaded.track('visit', { channel: 42 } as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/visit/);
  });

  it('raises one clear error for a bad context', async () => {
    const loaded = await loadedMonitor('development');
    const call = () => loaded.setContext('page', 'text' as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/context/);
  });
});
