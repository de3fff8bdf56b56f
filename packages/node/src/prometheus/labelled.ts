import type { Histogram } from 'prom-client';
import { createLabelLimiter, type LabelLimiter } from './label-limiter';

type Observer = { observe(value: number): void };

/** A histogram whose every label is capped, with its bound children cached. */
export interface CappedHistogram {
  observe(labels: Readonly<Record<string, string>>, value: number): void;
}

/**
 * Wraps a histogram so that each label keeps at most `maxValues` distinct values. The child cache
 * is bounded too, because its keys are built from capped values only.
 */
export function capHistogram(
  histogram: Histogram<string>,
  labelNames: readonly string[],
  maxValues: number,
): CappedHistogram {
  const limiters: LabelLimiter[] = labelNames.map(() => createLabelLimiter(maxValues));
  const children = new Map<string, Observer>();
  return {
    observe(labels, value) {
      if (labelNames.length === 0) return histogram.observe(value);
      const values = labelNames.map((name, i) => (limiters[i] as LabelLimiter)(labels[name] ?? ''));
      const key = values.join('\u0000');
      let child = children.get(key);
      if (!child) {
        child = histogram.labels(...values);
        children.set(key, child);
      }
      child.observe(value);
    },
  };
}
