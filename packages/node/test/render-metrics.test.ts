import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { renderMetrics } from '../src/render-metrics';

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

describe('renderMetrics', () => {
  it('matches prom-client text output exactly', async () => {
    const registry = filledRegistry();

    expect(await renderMetrics(registry)).toBe(await registry.metrics());
  });

  it('matches prom-client with default labels', async () => {
    const registry = filledRegistry();
    registry.setDefaultLabels({ instance: 'api-1', queue: 'default' });

    expect(await renderMetrics(registry)).toBe(await registry.metrics());
  });

  it('yields to the event loop during a large render', async () => {
    const registry = new Registry();
    const counter = new Counter({
      name: 'wide_total',
      help: 'Wide.',
      labelNames: ['shard'],
      registers: [registry],
    });
    for (let shard = 0; shard < 20_000; shard++) counter.labels(String(shard)).inc();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);

    const text = await renderMetrics(registry, { sliceMillis: 1 });
    clearInterval(timer);

    expect(text.split('\n')).toHaveLength(20_000 + 3);
    expect(ticks).toBeGreaterThan(0);
  });

  it('renders NaN as Prometheus spells it', async () => {
    const registry = new Registry();
    new Gauge({ name: 'ratio', help: 'Ratio.', registers: [registry] }).set(Number.NaN);

    expect(await renderMetrics(registry)).toContain('ratio NaN\n');
  });
});
