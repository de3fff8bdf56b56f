import { MonitorError } from '../errors';

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** Formats whole milliseconds as a Prometheus duration, such as `1h30m`; 0 becomes `0s`. */
export function formatDuration(millis: number): string {
  if (!Number.isInteger(millis) || millis < 0) {
    throw new MonitorError(
      `Invalid duration ${millis}: use a whole number of milliseconds of 0 or more, such as 300000.`,
    );
  }
  if (millis === 0) return '0s';
  let rest = millis;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
