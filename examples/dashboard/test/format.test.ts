import { describe, expect, it } from 'vitest';
import { count, decimal, duration, NO_DATA, percent, rating, windowLength } from '../src/format';

describe('format', () => {
  it('shows no data for missing values', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(percent(value)).toBe(NO_DATA);
      expect(duration(value)).toBe(NO_DATA);
      expect(decimal(value, 2)).toBe(NO_DATA);
      expect(count(value, 'visit')).toBe(NO_DATA);
    }
  });

  it('adds units', () => {
    expect(percent(0.052)).toBe('5.2 %');
    expect(duration(0.85)).toBe('850 ms');
    expect(duration(2.4)).toBe('2.40 s');
    expect(decimal(0.1234, 3)).toBe('0.123');
    expect(count(1204, 'visit')).toBe('1,204 visits');
    expect(count(1, 'failure')).toBe('1 failure');
    expect(windowLength(20_000)).toBe('20 s');
    expect(windowLength(900_000)).toBe('15 min');
    expect(windowLength(3_600_000)).toBe('1 h');
  });

  it('rates against thresholds', () => {
    expect(rating(2.4, 2.5, 4)).toBe('good');
    expect(rating(3, 2.5, 4)).toBe('needs-improvement');
    expect(rating(4.1, 2.5, 4)).toBe('poor');
    expect(rating(null, 2.5, 4)).toBe('none');
  });
});
