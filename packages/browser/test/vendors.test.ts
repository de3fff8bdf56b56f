import { createLogger, MonitorError, type Sink } from '@4site/monitor-core';
import { describe, expect, it, vi } from 'vitest';
import { initMonitor } from '../src/index';
import { createDeferredSink, MAX_PENDING_CALLS } from '../src/vendors/deferred-sink';
import { loadVendor } from '../src/vendors/load-vendor';
import { createReportFilter } from '../src/vendors/vendor-context';

const logger = createLogger({ enabled: false });
const scope = { user: null, contexts: {}, consent: 'granted' as const };
const event = (name: string) => ({ name, properties: {}, labels: {}, timestamp: 0 });

describe('loadVendor', () => {
  it('names the package when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@sentry/browser'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });

    const loading = loadVendor('@sentry/browser', 'sentry', () => Promise.reject(missing));

    await expect(loading).rejects.toThrow(MonitorError);
    await expect(loading).rejects.toThrow('run `npm install @sentry/browser`');
  });

  it('reports a blocked script as a load failure', async () => {
    const blocked = new TypeError('Failed to fetch dynamically imported module: /assets/prod.js');

    const loading = loadVendor('@sentry/browser', 'sentry', () => Promise.reject(blocked));

    await expect(loading).rejects.toThrow('Loading @sentry/browser failed');
  });

  it('returns the module', async () => {
    await expect(loadVendor('x', 'x', async () => ({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });
});

describe('createDeferredSink', () => {
  it('replays calls in order once loaded', async () => {
    const seen: string[] = [];
    const target: Sink = {
      name: 't',
      handleEvent: (e) => seen.push(`event:${e.name}`),
      handleScope: () => seen.push('scope'),
      handleError: () => seen.push('error'),
    };
    let resolve: (sink: Sink) => void = () => {};
    const sink = createDeferredSink('t', () => new Promise((r) => (resolve = r)), logger);

    sink.handleEvent?.(event('visit'), scope);
    sink.handleScope?.(scope);
    sink.handleError?.(new Error('x'), {}, scope);
    resolve(target);

    expect(await sink.ready).toBe(true);
    expect(seen).toEqual(['scope', 'event:visit', 'error']);
  });

  it('keeps at most 100 calls while loading', async () => {
    const handleEvent = vi.fn();
    let resolve: (sink: Sink) => void = () => {};
    const sink = createDeferredSink('t', () => new Promise((r) => (resolve = r)), logger);

    for (let i = 0; i < MAX_PENDING_CALLS + 5; i++) sink.handleEvent?.(event('visit'), scope);
    resolve({ name: 't', handleEvent });
    await sink.ready;

    expect(handleEvent).toHaveBeenCalledTimes(MAX_PENDING_CALLS);
  });

  it('ignores calls after a failed load', async () => {
    const sink = createDeferredSink('t', () => Promise.reject(new Error('blocked')), logger);

    expect(await sink.ready).toBe(false);
    expect(() => sink.handleEvent?.(event('visit'), scope)).not.toThrow();
    expect(await sink.flush?.(10)).toBe(true);
  });
});

describe('createReportFilter', () => {
  it('passes an error object once', () => {
    const shouldReport = createReportFilter();
    const error = new Error('x');

    expect(shouldReport(error)).toBe(true);
    expect(shouldReport(error)).toBe(false);
    expect(shouldReport('text')).toBe(true);
    expect(shouldReport('text')).toBe(true);
  });
});

describe('vendor options', () => {
  it('throws on a missing DSN in development', () => {
    expect(() =>
      initMonitor({ mode: 'development', sentry: { dsn: '' }, webVitals: false }),
    ).toThrow('Invalid sentry.dsn');
  });

  it('throws on a missing client token in development', () => {
    const datadog = { applicationId: 'app', clientToken: '' };

    expect(() => initMonitor({ mode: 'development', datadog, webVitals: false })).toThrow(
      'Invalid datadog.clientToken',
    );
  });

  it('throws on tracing without a loader in development', () => {
    const sentry = { dsn: 'http://key@127.0.0.1:9/1', tracesSampleRate: 0.5 };

    expect(() => initMonitor({ mode: 'development', sentry, webVitals: false })).toThrow(
      "Missing sentry.tracing for tracesSampleRate above 0: set tracing to () => import('@4site/monitor-browser/sentry-tracing')",
    );
  });

  it('keeps Sentry without tracing in production', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sentry = { dsn: 'http://key@127.0.0.1:9/1', tracesSampleRate: 0.5 };
    const monitor = initMonitor({ sentry, webVitals: false });

    expect(await monitor.vendors).toEqual({ sentry: 'ready', datadog: 'off' });
    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.filter((message) => message.includes('Missing sentry.tracing'))).toHaveLength(
      1,
    );
    await monitor.close(100);
  });

  it('loads tracing through the app loader', async () => {
    const tracing = vi.fn(() => import('../src/vendors/sentry-tracing'));
    const sentry = { dsn: 'http://key@127.0.0.1:9/1', tracesSampleRate: 0.5, tracing };
    const monitor = initMonitor({ sentry, webVitals: false });

    expect(await monitor.vendors).toEqual({ sentry: 'ready', datadog: 'off' });
    expect(tracing).toHaveBeenCalledTimes(1);
    await monitor.close(100);
  });

  it('turns the vendor off in production', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const monitor = initMonitor({ sentry: { dsn: '' }, webVitals: false });

    expect(await monitor.vendors).toEqual({ sentry: 'off', datadog: 'off' });
    await monitor.close(100);
  });

  it('reports each error object once', async () => {
    const handleError = vi.fn();
    const monitor = initMonitor({ sinks: [{ name: 'spy', handleError }], webVitals: false });
    await monitor.ready;
    const error = new Error('boom');

    monitor.captureError(error);
    monitor.captureError(error);

    expect(handleError).toHaveBeenCalledTimes(1);
    await monitor.close(100);
  });
});
