import { FILTERED } from '@4site/monitor-core';

// Query parameters whose values are credentials or personal data; matched on the whole name.
const SENSITIVE_PARAM =
  /^(access_?token|id_?token|refresh_?token|token|auth|authorization|code|state|key|api_?key|apikey|secret|password|passwd|pwd|session|sessionid|sid|sig|signature|email|e-mail|mail|phone|jwt)$/i;
// The domain must end in a letter-only top-level domain, so `app@1.2.3` (a Sentry release) stays.
const EMAIL = /[^\s@/?#&=:,;<>()"']+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;
const ENCODED_EMAIL = /[^\s/?#&=:%,;]+%40(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/gi;
// Bearer tokens and JWTs that appear inside free text such as an error message.
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const QUERY_PAIR = /([?&])([^=&#\s]+)=([^&#\s]*)/g;

/**
 * Masks personal data in a string that may be or contain URLs: values of sensitive query
 * parameters, e-mail addresses (also percent-encoded), bearer tokens and JWTs become `[Filtered]`.
 */
export function scrubText(text: string): string {
  return text
    .replace(QUERY_PAIR, (pair, separator: string, name: string, value: string) =>
      isSensitivePair(name, value) ? `${separator}${name}=${FILTERED}` : pair,
    )
    .replace(BEARER, `Bearer ${FILTERED}`)
    .replace(JWT, FILTERED)
    .replace(EMAIL, FILTERED)
    .replace(ENCODED_EMAIL, FILTERED);
}

// A value is masked whole when its name is sensitive, or when its decoded text contains personal
// data, because `%20Bearer%20abc` hides a token from the patterns that scan the raw string.
function isSensitivePair(name: string, value: string): boolean {
  if (SENSITIVE_PARAM.test(safeDecode(name))) return true;
  const decoded = safeDecode(value.replace(/\+/g, ' '));
  return decoded !== value && scrubFreeText(decoded) !== decoded;
}

function scrubFreeText(text: string): string {
  return text.replace(BEARER, `Bearer ${FILTERED}`).replace(JWT, FILTERED).replace(EMAIL, FILTERED);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

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
