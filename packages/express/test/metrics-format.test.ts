import { afterEach, describe, expect, it } from 'vitest';
import { startPrometheus } from '../../../e2e/prometheus';
import { expressVersions, type MonitoredApp, startApp } from './app';
import { HOSTILE_VALUES, hostileCatalog } from './hostile-catalog';
import { promtoolCheck } from './promtool';

const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

// Recorded on the server, because the ingest endpoint rejects the newline in a browser event.
function recordHostileEvents(monitor: MonitoredApp['monitor']) {
  for (const kind of HOSTILE_VALUES) expect(monitor.record('odd', { kind })).toBe('accepted');
}

describe.each(expressVersions)('/metrics on %s', (_name, express) => {
  it('passes promtool with hostile label values', async () => {
    app = await startApp(express, { catalog: hostileCatalog });
    recordHostileEvents(app.monitor);

    const text = await (await fetch(`${app.url}/metrics`)).text();

    expect(text).toContain('foursite_odd_events_total{kind="say \\"hi\\""} 1');
    expect(text).toContain('kind="two\\nlines"');
    expect(await promtoolCheck(text)).toBe('');
  });

  it('serves OpenMetrics when the Accept header prefers it', async () => {
    app = await startApp(express);
    await fetch(`${app.url}/sites/1`);

    const response = await fetch(`${app.url}/metrics`, { headers: { accept: OPENMETRICS } });
    const text = await response.text();
    const plain = await (await fetch(`${app.url}/metrics`)).text();

    expect(response.headers.get('content-type')).toMatch(
      /^application\/openmetrics-text; version=1\.0\.0/,
    );
    expect(text).toMatch(/^# TYPE foursite_visits counter$/m);
    expect(text).toContain('foursite_visits_total{channel="social"} 0');
    expect(text).toMatch(/^# TYPE http_server_request_duration_seconds histogram$/m);
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(plain).toMatch(/^# TYPE foursite_visits_total counter$/m);
  });
});

describe('Prometheus scraping OpenMetrics', () => {
  it('stores the series with hostile label values', async () => {
    const express = expressVersions[0][1];
    app = await startApp(express, { catalog: hostileCatalog });
    recordHostileEvents(app.monitor);
    const prometheus = await startPrometheus(app.url.replace('http://', ''));
    try {
      await expect
        .poll(async () => (await prometheus.query('foursite_odd_events_total')).length, {
          timeout: 20_000,
          interval: 500,
        })
        .toBe(HOSTILE_VALUES.length);
      const newline = await prometheus.query('foursite_odd_events_total{kind="two\\nlines"}');
      const up = await prometheus.query('up');

      expect(newline[0]?.value[1]).toBe('1');
      expect(up[0]?.value[1]).toBe('1');
    } finally {
      await prometheus.stop();
    }
  }, 40_000);
});
