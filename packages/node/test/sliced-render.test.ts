import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { renderSliced } from '../src/prometheus/sliced-render';

function filledRegistry(): Registry {
  const registry = new Registry();
  const counter = new Counter({
    name: 'jobs_total',
    help: 'Jobs with "quotes", a back\\slash\nand a newline.',
    labelNames: ['queue'],
    registers: [registry],
  });
  counter.labels('say "hi"\\ now\n').inc(3);
  counter.labels('ünïcødé ✓').inc(1.5);
  new Gauge({ name: 'temperature', help: 'Temperature.', registers: [registry] }).set(-4.25);
  const histogram = new Histogram({
    name: 'duration_seconds',
    help: 'Duration.',
    labelNames: ['route'],
    buckets: [0.1, 1],
    registers: [registry],
  });
  histogram.labels('/a').observe(0.5);
  histogram.labels('/b').observe(7);
  const summary = new Summary({ name: 'size_bytes', help: 'Size.', registers: [registry] });
  summary.observe(10);
  return registry;
}

describe('renderSliced', () => {
  it('matches prom-client text output exactly', async () => {
    const registry = filledRegistry();

    expect(await renderSliced(registry, 'text')).toBe(await registry.metrics());
  });

  it('matches prom-client with default labels', async () => {
    const registry = filledRegistry();
    registry.setDefaultLabels({ instance: 'api-1', queue: 'default' });

    expect(await renderSliced(registry, 'text')).toBe(await registry.metrics());
  });

  it('yields to the event loop during a large render', async () => {
    const registry = new Registry();
    const counter = new Counter({
      name: 'wide_total',
      help: 'Wide.',
      labelNames: ['shard'],
      registers: [registry],
    });
    for (let shard = 0; shard < 60_000; shard++) counter.labels(String(shard)).inc();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);

    const text = await renderSliced(registry, 'text');
    clearInterval(timer);

    expect(text.split('\n')).toHaveLength(60_000 + 3);
    expect(ticks).toBeGreaterThan(0);
  });

  it('names counter samples with _total in OpenMetrics', async () => {
    const registry = filledRegistry();

    const text = await renderSliced(registry, 'openmetrics');

    expect(text).toContain('# TYPE jobs counter\n');
    expect(text).toContain('jobs_total{queue="ünïcødé ✓"} 1.5\n');
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('renders NaN as Prometheus spells it', async () => {
    const registry = new Registry();
    new Gauge({ name: 'ratio', help: 'Ratio.', registers: [registry] }).set(Number.NaN);

    expect(await renderSliced(registry, 'text')).toContain('ratio NaN\n');
  });
});
