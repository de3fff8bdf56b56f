/** Maximum wait before a retry, in milliseconds; a longer `Retry-After` is cut to this. */
export const MAX_RETRY_DELAY_MILLIS = 5 * 60 * 1000;

/**
 * Returns the wait in milliseconds before sending a batch again after `attempts` failed sends.
 * It is the flush interval doubled per earlier failure and capped at five minutes. A random
 * factor from 0.5 to 1 scales it, so that many pages do not retry together after an outage.
 */
export function retryDelayMillis(attempts: number, baseMillis: number, random = Math.random) {
  const exponential = baseMillis * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(exponential, MAX_RETRY_DELAY_MILLIS) * (0.5 + random() / 2));
}

/**
 * The earliest time at which the transport may send again after failures. An explicit `flush()`
 * or the browser's `online` event skips the transport's own backoff. The wait that the server
 * requested with `Retry-After` always applies.
 */
export interface Backoff {
  /** Milliseconds until a send may start; `forced` ignores the transport's own backoff. */
  remaining(now: number, forced: boolean): number;
  /** Records a failed send; returns the wait before the next attempt, in milliseconds. */
  fail(now: number, backoffMillis: number, retryAfterMillis: number | undefined): number;
  /** Records a delivered request, which ends both waits. */
  succeed(): void;
}

export function createBackoff(): Backoff {
  let retryAt = 0;
  let serverRetryAt = 0;
  return {
    remaining(now, forced) {
      return Math.max(0, (forced ? serverRetryAt : Math.max(retryAt, serverRetryAt)) - now);
    },
    fail(now, backoffMillis, retryAfterMillis) {
      const serverWait = Math.min(retryAfterMillis ?? 0, MAX_RETRY_DELAY_MILLIS);
      if (retryAfterMillis !== undefined) serverRetryAt = now + serverWait;
      const wait = Math.max(backoffMillis, serverWait);
      retryAt = now + wait;
      return wait;
    },
    succeed() {
      retryAt = 0;
      serverRetryAt = 0;
    },
  };
}
