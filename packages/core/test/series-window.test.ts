import { describe, expect, it } from 'vitest';
import { createSeriesWindow, histogramQuantile, rulePromQl, toYaml } from '../src';

const counter = (value: number, labels = {}) => ({ name: 'hits_total', labels, value });

describe('createSeriesWindow', () => {
  it('sums the increase of matching counters', () => {
    const window = createSeriesWindow({ stepMillis: 60_000 });
    window.record(0, [counter(0, { a: '1' }), counter(5, { a: '2' })]);
    window.record(60_000, [counter(4, { a: '1' }), counter(6, { a: '2' })]);

    const all = window.read(
      { kind: 'increase', metric: 'hits_total', windowMillis: 60_000 },
      60_000,
    );
    const one = window.read(
      { kind: 'increase', metric: 'hits_total', matchers: { a: '2' }, windowMillis: 60_000 },
      60_000,
    );

    expect(all).toBe(5);
    expect(one).toBe(1);
  });

  it('adds back a counter reset', () => {
    const window = createSeriesWindow({ stepMillis: 60_000 });
    window.record(0, [counter(10)]);
    window.record(60_000, [counter(2)]);

    expect(
      window.read({ kind: 'increase', metric: 'hits_total', windowMillis: 120_000 }, 60_000),
    ).toBe(2);
  });

  it('returns null with one sample in range', () => {
    const window = createSeriesWindow();
    window.record(0, [counter(3)]);

    expect(
      window.read({ kind: 'increase', metric: 'hits_total', windowMillis: 60_000 }, 0),
    ).toBeNull();
  });

  it('forgets snapshots older than its capacity', () => {
    const window = createSeriesWindow({ maxWindowMillis: 120_000, stepMillis: 60_000 });
    for (let step = 0; step < 50; step += 1) window.record(step * 60_000, [counter(step)]);

    expect(window.snapshots()).toBe(4);
  });

  it('reads a gauge aggregation', () => {
    const window = createSeriesWindow();
    window.record(0, [
      { name: 'expiry_seconds', labels: { host: 'a' }, value: 10 },
      { name: 'expiry_seconds', labels: { host: 'b' }, value: 4 },
    ]);

    expect(window.read({ kind: 'gauge', metric: 'expiry_seconds', aggregation: 'min' }, 0)).toBe(4);
    expect(window.read({ kind: 'gauge', metric: 'expiry_seconds', aggregation: 'avg' }, 0)).toBe(7);
  });
});

describe('histogramQuantile', () => {
  it('interpolates inside the bucket of the rank', () => {
    const buckets = [
      { le: 1, count: 50 },
      { le: 2, count: 100 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];

    expect(histogramQuantile(0.75, buckets)).toBe(1.5);
    expect(histogramQuantile(0.25, buckets)).toBe(0.5);
  });

  it('returns the highest finite edge for the +Inf bucket', () => {
    const buckets = [
      { le: 1, count: 0 },
      { le: Number.POSITIVE_INFINITY, count: 10 },
    ];

    expect(histogramQuantile(0.5, buckets)).toBe(1);
  });

  it('returns null without observations', () => {
    expect(
      histogramQuantile(0.5, [
        { le: Number.POSITIVE_INFINITY, count: 0 },
        { le: 1, count: 0 },
      ]),
    ).toBeNull();
  });
});

describe('rulePromQl', () => {
  it('builds a quantile expression', () => {
    const expr = rulePromQl({
      name: 'SlowApi',
      source: { kind: 'quantile', metric: 'd_seconds', quantile: 0.95, windowMillis: 300_000 },
      comparison: '>',
      threshold: 2,
      severity: 'warning',
      summary: 's',
      response: 'r',
    });

    expect(expr).toBe('(histogram_quantile(0.95, sum by (le) (rate(d_seconds_bucket[5m])))) > 2');
  });
});

describe('toYaml', () => {
  it('quotes strings and nests lists', () => {
    const text = toYaml({ groups: [{ name: 'a: b', rules: [] }], n: 1 });

    expect(text).toBe('groups:\n  - name: "a: b"\n    rules: []\nn: 1\n');
  });
});
