import { spawnSync } from 'node:child_process';
import { trackLead, trackReferral, trackVisit } from '@4site/monitor-business';
import { MonitorError } from '@4site/monitor-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeMonitor, getMonitor, initMonitor } from '../src';

const silentWriter = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

async function sampleValue(
  monitor: ReturnType<typeof createNodeMonitor>,
  name: string,
  labels = {},
) {
  const metric = await monitor.registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) =>
    Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
  );
  return sample?.value;
}

afterEach(async () => {
  await getMonitor()?.close();
});

describe('createNodeMonitor', () => {
  it('creates every business series at zero', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    const text = await monitor.registry.metrics();

    expect(text).toContain('foursite_referrals_total 0');
    expect(text).toContain('foursite_visits_total{channel="organic"} 0');
    expect(text).toContain('foursite_site_generations_total{outcome="failure"} 0');
  });

  it('counts business events by label', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });

    trackVisit(monitor, { channel: 'social' });
    trackVisit(monitor, { channel: 'social' });
    trackLead(monitor, { leadId: 'l1', source: 'email' });

    expect(await sampleValue(monitor, 'foursite_visits_total', { channel: 'social' })).toBe(2);
    expect(await sampleValue(monitor, 'foursite_visits_total', { channel: 'direct' })).toBe(0);
    expect(await sampleValue(monitor, 'foursite_leads_total', { source: 'email' })).toBe(1);
  });

  it('counts a retried referral once', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });

    trackReferral(monitor, { referralId: 'r-1' });
    trackReferral(monitor, { referralId: 'r-1' });

    expect(await sampleValue(monitor, 'foursite_referrals_total')).toBe(1);
  });

  it('uses a configured prefix', async () => {
    const monitor = createNodeMonitor({ prometheus: { prefix: 'acme', defaultMetrics: false } });

    expect(await monitor.registry.metrics()).toContain('acme_referrals_total 0');
  });

  it('rejects a prefix that starts with a digit', () => {
    const create = () => createNodeMonitor({ prometheus: { prefix: '4site' } });

    expect(create).toThrow(/Invalid prometheus.prefix "4site"/);
  });

  it('exports dropped events by reason', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });

    monitor.record('visit', { channel: 'nowhere' });
    monitor.record('visit', { channel: 'nowhere' });

    const dropped = { reason: 'invalid' };
    expect(await sampleValue(monitor, 'foursite_monitor_events_dropped_total', dropped)).toBe(2);
  });

  it('shares one registry between two monitors without throwing', async () => {
    const first = createNodeMonitor({ prometheus: { defaultMetrics: true } });
    const second = createNodeMonitor({ prometheus: { registry: first.registry } });

    trackVisit(second, { channel: 'paid' });

    const text = await first.registry.metrics();
    expect(text.match(/^# TYPE foursite_visits_total counter$/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE process_cpu_user_seconds_total counter$/gm)).toHaveLength(1);
    expect(await sampleValue(first, 'foursite_visits_total', { channel: 'paid' })).toBe(1);
  });
});

describe('initMonitor', () => {
  it('returns the running monitor on a second call and warns once', () => {
    const first = initMonitor({ logWriter: silentWriter });
    const second = initMonitor({ logWriter: silentWriter });

    expect(second).toBe(first);
    expect(getMonitor()).toBe(first);
    expect(silentWriter.warn).toHaveBeenCalledTimes(1);
  });

  it('creates a new monitor after close', async () => {
    const first = initMonitor();
    await first.close();

    const second = initMonitor();

    expect(second).not.toBe(first);
    expect(second.closed).toBe(false);
  });
});

describe('createNodeMonitor defaults', () => {
  it('rejects an invalid default label name', () => {
    const create = () => createNodeMonitor({ prometheus: { defaultLabels: { 'bad-label': 'x' } } });

    expect(create).toThrow(/Invalid prometheus.defaultLabels name "bad-label"/);
  });

  it('serves default metrics that promtool accepts', async () => {
    const monitor = createNodeMonitor();
    const text = await monitor.registry.metrics();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });

    expect(text).toContain('nodejs_active_handles{');
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('business counters between scrapes', () => {
  it('adds events tracked after a scrape to the next one', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });

    trackVisit(monitor, { channel: 'email' });
    const first = await monitor.registry.metrics();
    trackVisit(monitor, { channel: 'email' });
    trackVisit(monitor, { channel: 'email' });
    const second = await monitor.registry.metrics();

    expect(first).toContain('foursite_visits_total{channel="email"} 1\n');
    expect(second).toContain('foursite_visits_total{channel="email"} 3\n');
  });

  it('starts again from zero after resetMetrics()', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });

    trackVisit(monitor, { channel: 'paid' });
    monitor.registry.resetMetrics();
    trackVisit(monitor, { channel: 'paid' });

    expect(await monitor.registry.metrics()).toContain('foursite_visits_total{channel="paid"} 1\n');
  });
});

describe('createNodeMonitor identity options', () => {
  it.each([
    ['service', 42, /Invalid service 42: use a non-empty string of at most 200 characters/],
    ['service', '', /Invalid service ""/],
    ['environment', { name: 'prod' }, /Invalid environment a value of type object/],
    ['release', 'x'.repeat(201), /Invalid release "x+"/],
  ])('rejects %s %o', (name, value, message) => {
    const create = () =>
      createNodeMonitor({ prometheus: { defaultMetrics: false }, [name]: value } as never);

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(message);
  });

  it('rejects a DSN that is not a string', () => {
    const create = () =>
      createNodeMonitor({ prometheus: { defaultMetrics: false }, sentry: { dsn: 42 } } as never);

    expect(create).toThrow(/Invalid sentry\.dsn 42: use the DSN string of the Sentry project/);
  });

  it('turns Sentry off for an empty DSN', async () => {
    const monitor = createNodeMonitor({
      prometheus: { defaultMetrics: false },
      sentry: { dsn: '' },
    });

    expect(monitor.closed).toBe(false);
    await monitor.close();
  });
});
