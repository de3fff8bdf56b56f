/** Returns the median of a list of numbers, or NaN for an empty list. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Returns the spread of the samples as half the min-max range, relative to the median. */
export function spread(values) {
  if (values.length < 2) return 0;
  const center = median(values);
  return center === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / 2 / Math.abs(center);
}

/** Formats a number with a fixed count of significant decimals for tables. */
export function formatNumber(value, digits = 2) {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}

/** Formats a median with its spread, such as `12,345 ±3%`. */
export function formatSample(values, digits = 2) {
  const percent = Math.round(spread(values) * 100);
  return `${formatNumber(median(values), digits)} ±${percent}%`;
}

/** Rotates a list by `round`, so each contender runs first in some round. */
export function rotate(list, round) {
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
