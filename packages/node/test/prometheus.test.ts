import { trackLead, trackSiteGenerated } from '@4site/monitor-business';
import { describe, expect, it } from 'vitest';
import { createLabelLimiter, createNodeMonitor, renderExposition } from '../src';
import { prefersOpenMetrics } from '../src/prometheus/render';

function newMonitor(maxLabelValues?: number) {
  return createNodeMonitor({
    prometheus: { defaultMetrics: false, ...(maxLabelValues ? { maxLabelValues } : {}) },
  });
}

const vital = (metric: string, value: number, page: string, id: string) => ({
  metric,
  value,
  id,
  page,
  navigationType: 'navigate',
  deviceClass: 'mobile',
  rating: 'good',
});

describe('event histograms', () => {
  it('observes generation durations and lead scores', async () => {
    const monitor = newMonitor();

    trackSiteGenerated(monitor, { generationId: 'g1', outcome: 'success', durationSeconds: 12 });
    trackLead(monitor, { leadId: 'l1', source: 'email', score: 80 });
    trackLead(monitor, { leadId: 'l2', source: 'email' });
    const text = await monitor.registry.metrics();

    expect(text).toContain(
      'foursite_site_generation_duration_seconds_bucket{le="15",outcome="success"} 1',
    );
    expect(text).toContain('foursite_site_generation_duration_seconds_sum{outcome="success"} 12');
    expect(text).toContain('foursite_lead_score_sum 80');
    expect(text).toContain('foursite_lead_score_count 1');
  });

  it('observes web vitals in seconds by page and device class', async () => {
    const monitor = newMonitor();

    monitor.record('web_vital', vital('LCP', 2400, '/sites/:id', 'v1'));
    monitor.record('web_vital', vital('LCP', 2400, '/sites/:id', 'v1'));
    monitor.record('web_vital', vital('CLS', 0.12, '/', 'v2'));
    const text = await monitor.registry.metrics();

    expect(text).toContain(
      'foursite_web_vitals_lcp_seconds_bucket{le="2.5",page="/sites/:id",device_class="mobile"} 1',
    );
    expect(text).toContain(
      'foursite_web_vitals_lcp_seconds_count{page="/sites/:id",device_class="mobile"} 1',
    );
    expect(text).toContain('foursite_web_vitals_cls_sum{page="/",device_class="mobile"} 0.12');
  });

  it('keeps tokens and e-mails out of page labels', async () => {
    const monitor = newMonitor();

    monitor.record(
      'web_vital',
      vital('LCP', 900, '/reset/dave.planted@example.com/x?token=PAGETOKEN123#frag', 'v3'),
    );
    monitor.record('web_vital', vital('LCP', 900, '/t/tok=SECRET9/a%40b', 'v4'));
    const text = await monitor.registry.metrics();

    expect(text).not.toMatch(/planted|PAGETOKEN123|SECRET9|frag|a%40b/);
    expect(text).toContain('page="/reset/:value/x"');
    expect(text).toContain('page="/t/:value/:value"');
  });

  it('rejects a web vitals value over one hour', () => {
    const monitor = newMonitor();

    monitor.record('web_vital', vital('CLS', 1e308, '/', 'v5'));

    expect(monitor.stats().dropped.invalid).toBe(1);
  });

  it('caps distinct pages at 50 and pools the rest as other', async () => {
    const monitor = newMonitor();

    for (let i = 0; i < 80; i++)
      monitor.record('web_vital', vital('INP', 100, `/p${i}`, `id-${i}`));
    const metric = await monitor.registry.getSingleMetric('foursite_web_vitals_inp_seconds')?.get();
    const pages = new Set(metric?.values.map((sample) => sample.labels.page));

    expect(pages.size).toBe(51);
    expect(pages.has('other')).toBe(true);
    expect(pages.has('/p60')).toBe(false);
  });
});

describe('label caps', () => {
  it('counts label values past the cap under other', async () => {
    const monitor = newMonitor(2);

    monitor.record('visit', { channel: 'paid' });
    const text = await monitor.registry.metrics();

    expect(text).toContain('foursite_visits_total{channel="organic"} 0');
    expect(text).toContain('foursite_visits_total{channel="other"} 1');
    expect(text).not.toContain('channel="paid"');
  });

  it('keeps the first values of a limiter', () => {
    const limit = createLabelLimiter(2);

    expect(['a', 'b', 'c', 'a', 'd'].map(limit)).toEqual(['a', 'b', 'other', 'a', 'other']);
  });
});

describe('renderExposition', () => {
  it('negotiates OpenMetrics the way Prometheus asks for it', () => {
    const prometheus =
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

    expect(prefersOpenMetrics(prometheus)).toBe(true);
    expect(prefersOpenMetrics('text/plain')).toBe(false);
    expect(prefersOpenMetrics('')).toBe(false);
    expect(prefersOpenMetrics('text/plain,application/openmetrics-text;q=0.5')).toBe(false);
  });

  it('renders both formats from one registry, in any order', async () => {
    const monitor = newMonitor();

    const open = await renderExposition(monitor.registry, 'application/openmetrics-text');
    const text = await renderExposition(monitor.registry);

    expect(open.body).toMatch(/^foursite_referrals_total 0$/m);
    expect(open.body).toMatch(/^# TYPE foursite_referrals counter$/m);
    expect(text.body).toMatch(/^# TYPE foursite_referrals_total counter$/m);
    expect(text.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('survives a second monitor on the same registry', async () => {
    const first = newMonitor();

    const second = createNodeMonitor({ prometheus: { registry: first.registry } });
    second.record('web_vital', vital('TTFB', 500, '/', 'x'));

    const text = (await renderExposition(first.registry)).body;
    expect(text.match(/^# TYPE foursite_web_vitals_ttfb_seconds histogram$/gm)).toHaveLength(1);
  });
});
