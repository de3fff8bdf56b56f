import { FILTERED, scrub, scrubText } from '@4site/monitor-core';

// Headers that carry credentials or a client address; they never leave the process.
const DROPPED_HEADERS =
  /^(cookie|set-cookie|authorization|proxy-authorization|x-api-key|x-auth-token|x-csrf-token|x-xsrf-token|x-forwarded-for|x-real-ip|forwarded|cf-connecting-ip|true-client-ip)$/i;
// Keys whose values are credentials or personal data wherever they sit in an event.
const SENSITIVE_KEY =
  /e-?mail|passw|secret|token|api[-_]?key|authoriz|^auth$|cookie|session|^ip$|ip[-_]?addr|ip_address|phone|credit|card/i;
// Deep enough for a stack frame: event.exception.values[].stacktrace.frames[].vars.
const MAX_DEPTH = 10;
// Fields that the SDK and the app's own configuration set, passed through untouched: processing
// metadata holds scope objects, and a release such as `api@1.2.3` looks like an e-mail address.
const KEPT_FIELDS = ['sdkProcessingMetadata', 'release', 'environment', 'dist'] as const;

type Json = Record<string, unknown>;

/** Returns the URL with the values of secret query parameters replaced and e-mails masked. */
export function scrubUrl(url: string): string {
  return scrubText(url);
}

/** Keeps the headers that carry no credentials and no client address, with values scrubbed. */
export function scrubHeaders(headers: Json): Json {
  const kept: Json = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!DROPPED_HEADERS.test(name)) kept[name] = typeof value === 'string' ? scrub(value) : value;
  }
  return kept;
}

/**
 * Returns a copy of any JSON-like value with every string passed through `scrubText()` and the
 * values of sensitive keys replaced. Levels deeper than ten become `[Filtered]`.
 */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  const copy: Json = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SENSITIVE_KEY.test(key) ? FILTERED : scrubDeep(item, depth + 1);
  }
  return copy;
}

/**
 * Removes personal data from a Sentry event before it is sent: cookies, bodies, credential and
 * address headers, and every user field but `id`. The id and every other string (messages,
 * exception values, stack frame variables, breadcrumbs, contexts, tags) have their query-string
 * secrets, credentials and e-mail addresses masked.
 */
export function scrubEvent<E extends Json>(event: E): E {
  const kept: Json = {};
  const rest: Json = {};
  for (const [key, value] of Object.entries(event)) {
    if ((KEPT_FIELDS as readonly string[]).includes(key)) kept[key] = value;
    else if (key !== 'request' && key !== 'user') rest[key] = value;
  }
  const scrubbed = { ...(scrubDeep(rest) as Json), ...kept };
  const request = event.request as Json | undefined;
  if (request) scrubbed.request = scrubRequest(request);
  const user = event.user as Json | undefined;
  // An app may use an e-mail address as the user id, and scrubText() masks it like any string.
  if (user?.id !== undefined) scrubbed.user = { id: scrubDeep(user.id) };
  return scrubbed as E;
}

function scrubRequest(request: Json): Json {
  const { cookies: _cookies, data: _data, env: _env, headers, ...rest } = request;
  const scrubbed = scrubDeep(rest) as Json;
  if (headers) scrubbed.headers = scrubHeaders(headers as Json);
  if (typeof request.query_string !== 'string') delete scrubbed.query_string;
  return scrubbed;
}

/** Removes personal data from a breadcrumb: its message, its data and any URL in them. */
export function scrubBreadcrumb<B extends Json>(breadcrumb: B): B {
  return scrubDeep(breadcrumb) as B;
}
