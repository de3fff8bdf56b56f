import { describe, expect, it } from 'vitest';
import { monitorOptions } from '../src/monitor-config';

const production = { MODE: 'production', DEV: false };

describe('monitorOptions', () => {
  it('configures no vendor by default', () => {
    const options = monitorOptions(production);

    expect(options.sentry).toBeUndefined();
    expect(options.datadog).toBeUndefined();
    expect(options.mode).toBe('production');
  });

  it('reads vendors from VITE variables', () => {
    const options = monitorOptions({
      ...production,
      VITE_SENTRY_DSN: 'http://key@127.0.0.1:9/1',
      VITE_DATADOG_APPLICATION_ID: 'app',
      VITE_DATADOG_CLIENT_TOKEN: 'pub',
      VITE_RELEASE: '1.0.0',
    });

    expect(options.sentry).toEqual({ dsn: 'http://key@127.0.0.1:9/1' });
    expect(options.datadog).toEqual({ applicationId: 'app', clientToken: 'pub' });
    expect(options.release).toBe('1.0.0');
  });

  it('prefers the runtime settings', () => {
    const datadog = { applicationId: 'a', clientToken: 'b', proxy: 'http://127.0.0.1:9/dd' };
    const options = monitorOptions(
      { ...production, VITE_SENTRY_DSN: 'http://key@127.0.0.1:9/1' },
      { sentryDsn: 'http://other@127.0.0.1:9/2', datadog, release: 'r2' },
    );

    expect(options.sentry?.dsn).toBe('http://other@127.0.0.1:9/2');
    expect(options.datadog).toEqual(datadog);
    expect(options.release).toBe('r2');
  });
});
