/** Value that replaces personal data in contexts and error details. */
export const FILTERED = '[Filtered]';

const SENSITIVE_KEY =
  /e-?mail|passw|secret|token|api[-_]?key|authoriz|^auth$|cookie|session|^ip$|ip[-_]?addr|phone|credit|card/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const MAX_DEPTH = 5;

/**
 * Returns a copy with personal data removed: values under sensitive keys become `[Filtered]`
 * and e-mail addresses inside strings are masked. Deeper levels than five are dropped.
 */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, FILTERED);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? FILTERED : scrub(item, depth + 1);
  }
  return copy;
}
