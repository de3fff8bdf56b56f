import { scrubText as coreScrubText, FILTERED } from '@4site/monitor-core';

/**
 * Masks personal data in a string that may be or contain URLs: values of sensitive query
 * parameters, e-mail addresses (also percent-encoded), bearer tokens, JWTs and `password: x`
 * pairs become `[Filtered]`. The core's `scrubText()`, named here for the browser's callers.
 */
export const scrubText: (text: string) => string = coreScrubText;

const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|x-csrf-token|x-xsrf-token)$/i;

/** Returns a copy of HTTP headers with credentials and cookies replaced by `[Filtered]`. */
export function scrubHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (!headers) return undefined;
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = SENSITIVE_HEADER.test(name) ? FILTERED : scrubText(String(value));
  }
  return copy;
}

// Deep enough for a Sentry stack frame: event.exception.values[].stacktrace.frames[].vars.
const MAX_DEPTH = 10;

/**
 * Returns a copy of any JSON-like value with every string passed through `scrubText` and the
 * values of sensitive keys replaced, as `scrub()` of the core does for contexts.
 */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? FILTERED : scrubDeep(item, depth + 1);
  }
  return copy;
}

const SENSITIVE_KEY =
  /e-?mail|passw|secret|token|api[-_]?key|authoriz|^auth$|cookie|^ip$|ip[-_]?addr|ip_address|phone|credit|card/i;
