import { FILTERED, scrub } from '@4site/monitor-core';

// Headers that carry credentials or a client address; they never leave the process.
const DROPPED_HEADERS =
  /^(cookie|set-cookie|authorization|proxy-authorization|x-api-key|x-auth-token|x-csrf-token|x-forwarded-for|x-real-ip|forwarded|cf-connecting-ip|true-client-ip)$/i;
// Query parameters whose values are secrets or personal data.
const SECRET_PARAM = /token|key|secret|passw|auth|session|code|sig|email|mail/i;

type Json = Record<string, unknown>;

/** Returns the URL with the values of secret query parameters replaced and e-mails masked. */
export function scrubUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return scrub(url) as string;
  return `${scrub(url.slice(0, queryAt)) as string}?${scrubQuery(url.slice(queryAt + 1))}`;
}

function scrubQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const [name = '', value] = pair.split('=');
      if (value === undefined) return scrub(pair) as string;
      return `${name}=${SECRET_PARAM.test(decodeSafe(name)) ? FILTERED : (scrub(value) as string)}`;
    })
    .join('&');
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Keeps the headers that carry no credentials and no client address. */
export function scrubHeaders(headers: Json): Json {
  const kept: Json = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!DROPPED_HEADERS.test(name)) kept[name] = typeof value === 'string' ? scrub(value) : value;
  }
  return kept;
}

/**
 * Removes personal data from a Sentry event before it is sent: cookies, credentials and address
 * headers, the client IP, query-string secrets, e-mail addresses, and every user field but `id`.
 */
export function scrubEvent<E extends Json>(event: E): E {
  const request = event.request as Json | undefined;
  if (request) {
    delete request.cookies;
    delete request.data;
    delete request.env;
    if (typeof request.url === 'string') request.url = scrubUrl(request.url);
    if (typeof request.query_string === 'string')
      request.query_string = scrubQuery(request.query_string);
    else delete request.query_string;
    if (request.headers) request.headers = scrubHeaders(request.headers as Json);
  }
  const user = event.user as Json | undefined;
  if (user) (event as Json).user = user.id === undefined ? undefined : { id: user.id };
  for (const key of ['extra', 'contexts', 'tags'] as const) {
    if (event[key]) (event as Json)[key] = scrub(event[key]);
  }
  scrubExceptions(event);
  const breadcrumbs = event.breadcrumbs as Json[] | undefined;
  if (Array.isArray(breadcrumbs)) (event as Json).breadcrumbs = breadcrumbs.map(scrubBreadcrumb);
  if (typeof event.message === 'string') (event as Json).message = scrub(event.message);
  return event;
}

function scrubExceptions(event: Json): void {
  const values = (event.exception as { values?: Json[] } | undefined)?.values;
  for (const value of values ?? []) {
    if (typeof value.value === 'string') value.value = scrub(value.value);
  }
}

/** Removes personal data from a breadcrumb: e-mails in its message, secrets in URLs and data. */
export function scrubBreadcrumb<B extends Json>(breadcrumb: B): B {
  const data = breadcrumb.data as Json | undefined;
  const copy: Json = { ...breadcrumb };
  if (typeof breadcrumb.message === 'string') copy.message = scrub(breadcrumb.message);
  if (data) {
    const cleaned = scrub(data) as Json;
    if (typeof data.url === 'string') cleaned.url = scrubUrl(data.url);
    copy.data = cleaned;
  }
  return copy as B;
}
