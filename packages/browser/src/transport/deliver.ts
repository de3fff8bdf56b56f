import { unref } from './unref';

/**
 * Result of one request: delivered, worth retrying later, or refused for good. A retry may
 * carry the wait that the server asked for with `Retry-After`, in milliseconds.
 */
export type DeliveryResult =
  | { readonly outcome: 'sent' }
  | { readonly outcome: 'retry'; readonly retryAfterMillis?: number }
  | { readonly outcome: 'rejected' };

/**
 * Queues a body with `navigator.sendBeacon`, which sends a string as text/plain, so a
 * cross-origin endpoint gets no CORS preflight. Returns false when the API is missing or the
 * browser refuses the beacon, for example over its in-flight quota.
 */
export function sendBeacon(endpoint: string, body: string): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') {
    return false;
  }
  try {
    // Called as a method: a detached sendBeacon throws "Illegal invocation".
    return navigator.sendBeacon(endpoint, body);
  } catch {
    return false;
  }
}

/**
 * Posts a body with `fetch` and `keepalive`, so the request outlives the page like a beacon.
 * A network error, a timeout after `timeoutMillis`, a 408, a 429 or a 5xx is worth a retry. Any
 * other 4xx means the server will never accept this body. The result of a 429 or 503 carries its
 * `Retry-After`, which a cross-origin endpoint must list in `Access-Control-Expose-Headers`.
 */
export async function postWithFetch(
  endpoint: string,
  body: string,
  timeoutMillis: number,
): Promise<DeliveryResult> {
  if (typeof fetch !== 'function') return { outcome: 'rejected' };
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  // A request that hangs would hold the one-at-a-time transport forever, so it is aborted.
  const timer = unref(setTimeout(() => controller?.abort(), timeoutMillis));
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      body,
      headers: { 'content-type': 'text/plain' },
      ...(controller ? { signal: controller.signal } : {}),
    });
    if (response.ok) return { outcome: 'sent' };
    const { status } = response;
    if (status !== 408 && status !== 429 && status < 500) return { outcome: 'rejected' };
    const retryAfterMillis =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers?.get('retry-after') ?? null)
        : undefined;
    return retryAfterMillis === undefined
      ? { outcome: 'retry' }
      : { outcome: 'retry', retryAfterMillis };
  } catch {
    return { outcome: 'retry' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a `Retry-After` header: seconds as a non-negative integer, or an HTTP date. Returns the
 * wait in milliseconds, or undefined when the header is missing or invalid.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would also take "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
