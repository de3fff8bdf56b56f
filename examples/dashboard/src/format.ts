/** Text shown for a metric without data: a missing value is never shown as 0 or NaN. */
export const NO_DATA = 'no data';

const usable = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Formats a fraction (0.05) as a percentage ("5.0 %"). */
export function percent(value: number | null | undefined, digits = 1): string {
  return usable(value) ? `${(value * 100).toFixed(digits)} %` : NO_DATA;
}

/** Formats seconds as "850 ms" below one second and "2.40 s" above. */
export function duration(seconds: number | null | undefined): string {
  if (!usable(seconds)) return NO_DATA;
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
}

/** Formats a plain number with a fixed count of decimals and an optional unit. */
export function decimal(value: number | null | undefined, digits: number, unit = ''): string {
  return usable(value) ? `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}` : NO_DATA;
}

/** Formats a count with thousands separators and its unit, such as "1,204 visits" or "1 visit". */
export function count(value: number | null | undefined, singular: string): string {
  if (!usable(value)) return NO_DATA;
  const whole = Math.round(value);
  return `${whole.toLocaleString('en-US')} ${singular}${whole === 1 ? '' : 's'}`;
}

/** Formats a window length in milliseconds as "20 s", "15 min" or "1 h". */
export function windowLength(millis: number): string {
  if (millis < 60_000) return `${Math.round(millis / 1000)} s`;
  if (millis < 3_600_000) return `${Math.round(millis / 60_000)} min`;
  return `${Math.round(millis / 3_600_000)} h`;
}

/** Rates a value against good and poor thresholds, where lower is better. */
export function rating(value: number | null | undefined, good: number, poor: number) {
  if (!usable(value)) return 'none';
  if (value <= good) return 'good';
  return value <= poor ? 'needs-improvement' : 'poor';
}
