/** Result of one request: delivered, worth retrying later, or refused for good. */
export type DeliveryResult = 'sent' | 'retry' | 'rejected';

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
 * A network error, a 408, a 429 or a 5xx is worth a retry; any other 4xx means the server will
 * never accept this body.
 */
export async function postWithFetch(endpoint: string, body: string): Promise<DeliveryResult> {
  if (typeof fetch !== 'function') return 'rejected';
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      body,
      headers: { 'content-type': 'text/plain' },
    });
    if (response.ok) return 'sent';
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return retryable ? 'retry' : 'rejected';
  } catch {
    return 'retry';
  }
}
