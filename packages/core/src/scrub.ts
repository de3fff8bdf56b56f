/** Value that replaces personal data in contexts and error details. */
export const FILTERED = '[Filtered]';

const SENSITIVE_KEY =
  /e-?mail|passw|secret|token|api[-_]?key|authoriz|^auth$|cookie|session|^ip$|ip[-_]?addr|phone|credit|card/i;
const MAX_DEPTH = 5;

// Query and form parameters whose values are secrets or personal data, matched inside the name,
// so `session_token` and `x-api-key` count too.
const SENSITIVE_PARAM =
  /token|key|secret|passw|pwd|auth|session|(?:^|[._-])sid$|code|state|sig|e-?mail|jwt|cookie|phone|credential/i;
// A `name=value` pair at the start of a query string or form body, after `?` or `&`, or after
// `;` and optional spaces as in a cookie string.
const QUERY_PAIR = /(^|[?&]|;\s*)([^=&#\s?;]+)=([^&#\s;]*)/g;
// `password: x`, `"token":"x"` or `session=x` in free text such as a log line or a JSON dump.
const KEY_VALUE =
  /\b((?:access_|refresh_|id_|auth_|session_)?token|api[-_]?key|apikey|secret|password|passwd|pwd|session(?:_?id)?|jwt)(["']?\s*[:=]\s*["']?)(?!\[Filtered\])([^\s"'&,;)}\]]+)/gi;
// `cookie` or `set-cookie`, a separator, then `;`-separated tokens: `Cookie: a=1; b=2`,
// `"cookie":"a=1"` or `cookie a=1; b=2`. Every `name=value` token of the run gets its value masked.
// A token may contain `[Filtered]`, so masking twice gives the same text.
const COOKIE_TOKEN_TEXT = String.raw`(?:\[Filtered\]|[^\s"',;)}\]])+`;
const COOKIE_STRING = new RegExp(
  String.raw`\b(cookies?)(["']?\s*[:=]\s*["']?|\s+)(?!\[Filtered\])(${COOKIE_TOKEN_TEXT}(?:;\s*${COOKIE_TOKEN_TEXT})*)`,
  'gi',
);
const COOKIE_PAIR = /^([^=]+)=.*$/s;
// The domain ends in a letter-only top-level domain, so `app@1.2.3` (a release) stays.
// The local part is at most 64 characters (RFC 5321), and the bound keeps the scan linear: with
// `+`, a long run of local-part characters and no `@` took quadratic time (8 kB: 0.3 s).
const EMAIL = /[^\s@/?#&=:,;<>()"'[\]{}]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,}/g;
const ENCODED_EMAIL = /[^\s/?#&=:%,;"'<>()]{1,64}%40(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,}/gi;
const ENCODED_AT = /%40/i;
const CREDENTIAL = /\b(Bearer|Basic)\s+(?!\[Filtered\])[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/**
 * Masks personal data in a string that may be or contain URLs, a form body, a cookie header or a
 * log line. These parts become `[Filtered]`: values of sensitive parameters (`?token=`,
 * `password=`, `session=`), values after sensitive names (`password: x`), e-mail addresses (also
 * percent-encoded), bearer and basic credentials, and JWTs. Secrets under names it does not know stay. A value
 * that is not a string becomes `[Filtered]`.
 */
export function scrubText(text: string): string {
  if (typeof text !== 'string') return FILTERED;
  return scrubFreeText(
    text.replace(QUERY_PAIR, (pair, separator: string, name: string, value: string) =>
      isSensitivePair(name, value) ? `${separator}${name}=${FILTERED}` : pair,
    ),
  );
}

function scrubFreeText(text: string): string {
  const masked = text
    .replace(CREDENTIAL, (_match, scheme: string) => `${scheme} ${FILTERED}`)
    .replace(JWT, FILTERED)
    .replace(COOKIE_STRING, maskCookieString)
    .replace(
      KEY_VALUE,
      (_match, name: string, separator: string) => `${name}${separator}${FILTERED}`,
    );
  // The e-mail patterns cost about 1 s per MB even when linear, so text without `@` skips them.
  if (!masked.includes('@') && !ENCODED_AT.test(masked)) return masked;
  return masked.replace(EMAIL, FILTERED).replace(ENCODED_EMAIL, FILTERED);
}

// Masks the value of each pair in a cookie string. A run without pairs is one bare value, masked
// only after `:` or `=`, because after a space it is ordinary prose (`cookie expired`).
function maskCookieString(match: string, name: string, separator: string, run: string): string {
  const tokens = run.split(/(;\s*)/);
  if (!COOKIE_PAIR.test(tokens[0] ?? '')) {
    if (!/[:=]/.test(separator)) return match;
    return `${name}${separator}${FILTERED}`;
  }
  // The `; ` separators contain no `=`, so only the pairs change.
  const masked = tokens.map((token) => token.replace(COOKIE_PAIR, `$1=${FILTERED}`));
  return `${name}${separator}${masked.join('')}`;
}

// A value is masked whole when its name is sensitive, or when its decoded text contains personal
// data, because `%20Bearer%20abc` hides a token from the patterns that scan the raw string.
function isSensitivePair(name: string, value: string): boolean {
  if (value === FILTERED) return false;
  if (SENSITIVE_PARAM.test(safeDecode(name))) return true;
  const decoded = safeDecode(value.replace(/\+/g, ' '));
  return decoded !== value && scrubFreeText(decoded) !== decoded;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Returns a copy with personal data removed: values under sensitive keys become `[Filtered]` and
 * strings pass through `scrubText()`. Levels deeper than five become `[Filtered]`, and so does a
 * value that cannot be read, such as a getter or Proxy trap that throws. Never throws.
 */
export function scrub(value: unknown, depth = 0): unknown {
  try {
    return scrubValue(value, typeof depth === 'number' && depth >= 0 ? depth : 0);
  } catch {
    return FILTERED;
  }
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));

  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = SENSITIVE_KEY.test(key) ? FILTERED : scrub(readKey(value, key), depth + 1);
    // A plain assignment to `__proto__` would replace the copy's prototype instead.
    Object.defineProperty(copy, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function readKey(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return FILTERED;
  }
}

/**
 * Returns a copy of an error whose message, stack and own fields are scrubbed, and whose cause is
 * scrubbed the same way, so a log line can print it. A value that is no error goes to `scrub()`.
 * An error whose fields cannot be read becomes `[Filtered]`. Never throws.
 */
export function scrubError(value: unknown, depth = 0): unknown {
  try {
    return scrubErrorFields(value, typeof depth === 'number' && depth >= 0 ? depth : 0);
  } catch {
    return FILTERED;
  }
}

function scrubErrorFields(value: unknown, depth: number): unknown {
  if (!(value instanceof Error)) return scrub(value);
  const copy = new Error(scrubText(value.message));
  copy.name = value.name;
  copy.stack = value.stack === undefined ? undefined : scrubText(value.stack);
  Object.assign(copy, scrub({ ...value }, 1));
  if (value.cause !== undefined) {
    copy.cause = depth < MAX_DEPTH ? scrubError(value.cause, depth + 1) : FILTERED;
  }
  return copy;
}
