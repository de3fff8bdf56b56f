import { OTHER_LABEL_VALUE } from '@4site/monitor-core';

/** Maps a label value to itself while fewer than the cap were seen, and to `other` after. */
export type LabelLimiter = (value: string) => string;

/**
 * Caps the distinct values of one label. The first `maxValues` values keep their name; every
 * later value shares `other`, so a flood of new values adds one series at most.
 */
export function createLabelLimiter(maxValues: number): LabelLimiter {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= maxValues) return OTHER_LABEL_VALUE;
    seen.add(value);
    return value;
  };
}
