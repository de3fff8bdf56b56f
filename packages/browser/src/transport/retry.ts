/** Maximum wait before a retry, in milliseconds. */
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
