import { createSeriesWindow } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';

const HOUR = 3_600_000;
const hits = (value: number) => ({ name: 'hits_total', labels: { route: '/a' }, value });

describe('series window over a long run', () => {
  it('keeps a bounded ring with a 1 s step', () => {
    const window = createSeriesWindow({ maxWindowMillis: HOUR, stepMillis: 1000 });

    for (let second = 0; second <= 3 * 3600; second++) window.record(second * 1000, [hits(second)]);

    // One snapshot per 15 s (one hour / 240) and two extra slots.
    expect(window.snapshots()).toBeLessThanOrEqual(242);
  });

  it('reads the newest values with a 1 s step', () => {
    const window = createSeriesWindow({ maxWindowMillis: HOUR, stepMillis: 1000 });
    const end = 2 * 3600;

    for (let second = 0; second <= end; second++) window.record(second * 1000, [hits(second)]);

    const increase = (windowMillis: number) =>
      window.read({ kind: 'increase', metric: 'hits_total', windowMillis }, end * 1000);
    // The kept snapshots are 15 s apart, so the range may start up to 15 s late.
    expect(increase(HOUR)).toBeGreaterThanOrEqual(3600 - 15);
    expect(increase(HOUR)).toBeLessThanOrEqual(3600);
    expect(increase(5 * 60_000)).toBeGreaterThanOrEqual(300 - 15);
    expect(increase(5 * 60_000)).toBeLessThanOrEqual(300);
  });

  it('keeps every snapshot at the default step', () => {
    const window = createSeriesWindow({ maxWindowMillis: HOUR, stepMillis: 30_000 });

    for (let step = 0; step < 500; step++) window.record(step * 30_000, [hits(step)]);

    expect(window.snapshots()).toBe(122);
  });

  it('drops series past maxSeries', () => {
    const window = createSeriesWindow({ maxSeries: 2 });
    const series = (value: number) =>
      ['a', 'b', 'c'].map((route) => ({ name: 'hits_total', labels: { route }, value }));

    window.record(0, series(0));
    window.record(30_000, series(5));

    expect(
      window.read({ kind: 'increase', metric: 'hits_total', windowMillis: HOUR }, 30_000),
    ).toBe(10);
  });
});
