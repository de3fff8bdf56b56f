import { MonitorError } from '@4site/monitor-core';

/** Time-out and retry settings of one channel. */
export interface DeliveryOptions {
  /** Time-out of one attempt in milliseconds, from 100 to 60000. Default: 10000. */
  timeoutMillis?: number;
  /** Retries after the first attempt, from 0 to 10. Default: 3. */
  retries?: number;
  /** First retry delay in milliseconds, doubled on each retry, from 0 to 60000. Default: 1000. */
  backoffMillis?: number;
  /**
   * Longest `Retry-After` wait of a 429 that is honoured, in milliseconds, from 0 to 3600000.
   * Default: 60000. A 429 that requests a longer wait fails the delivery at once, so the alert
   * escalates to the next step instead of waiting. The wait also ends when the notifier closes.
   */
  maxRetryAfterMillis?: number;
}

/** A delivery that failed after its retries, or that the receiver rejected for good. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    // Built from receiver responses, so a message of the wrong type must not become a TypeError.
    super(typeof message === 'string' ? message : 'delivery failed');
  }
}

export interface ResolvedDelivery {
  readonly timeoutMillis: number;
  readonly retries: number;
  readonly backoffMillis: number;
  readonly maxRetryAfterMillis: number;
}

/** Applies defaults and checks ranges; throws a MonitorError that names the option. */
export function resolveDelivery(
  options: DeliveryOptions = {},
  channel = 'channel',
): ResolvedDelivery {
  const pick = (key: keyof DeliveryOptions, fallback: number, min: number, max: number) => {
    const value = options[key] ?? fallback;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new MonitorError(`Invalid ${key} ${value} for ${channel}: use ${min} to ${max}.`);
    }
    return value;
  };
  return {
    timeoutMillis: pick('timeoutMillis', 10_000, 100, 60_000),
    retries: pick('retries', 3, 0, 10),
    backoffMillis: pick('backoffMillis', 1000, 0, 60_000),
    maxRetryAfterMillis: pick('maxRetryAfterMillis', 60_000, 0, 3_600_000),
  };
}

/** Waits `millis`, or rejects with a DeliveryError as soon as `signal` aborts. */
function sleep(millis: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DeliveryError('Delivery cancelled: the notifier closed.'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeliveryError('Delivery cancelled: the notifier closed.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, millis);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs one attempt with a signal that aborts after `timeoutMillis` or when `signal` aborts.
 * NOTE: `AbortSignal.timeout()` is not used because Node's timer holds that signal only weakly:
 * combined with `AbortSignal.any()` it can be garbage-collected before it fires, and a hanging
 * server then holds the attempt forever. This timer holds its controller strongly.
 */
export async function withAttemptSignal<T>(
  timeoutMillis: number,
  signal: AbortSignal | undefined,
  run: (attempt: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`timed out after ${timeoutMillis} ms`, 'TimeoutError'));
  }, timeoutMillis);
  // The socket of a pending attempt keeps the process alive, so the timer need not.
  timer.unref();
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Parses `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Runs `attempt` until it succeeds or the retries run out, waiting `backoffMillis * 2^n` between
 * tries, or the wait that a 429 requested. An error with a 4xx status other than 429 is not
 * retried, nor is a 429 whose `Retry-After` exceeds `maxRetryAfterMillis`. When `signal` aborts,
 * the wait ends and the delivery fails at once.
 */
export async function withRetries(
  delivery: ResolvedDelivery,
  attempt: () => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    try {
      await attempt();
      return;
    } catch (error) {
      const status = error instanceof DeliveryError ? error.status : undefined;
      const permanent = status !== undefined && status >= 400 && status < 500 && status !== 429;
      if (permanent || tries >= delivery.retries || signal?.aborted) throw error;
      const requested = error instanceof RetryAfterError ? error.waitMillis : undefined;
      if (requested !== undefined && requested > delivery.maxRetryAfterMillis) throw error;
      await sleep(requested ?? delivery.backoffMillis * 2 ** tries, signal);
    }
  }
}

class RetryAfterError extends DeliveryError {
  constructor(
    message: string,
    readonly waitMillis: number | undefined,
  ) {
    super(message, 429);
  }
}

/**
 * Posts JSON once; throws a DeliveryError on a status other than 2xx. The time-out covers the
 * whole attempt, reading the response body included, so a server that stalls mid-body is cut off.
 */
export async function postJsonOnce(
  url: string,
  body: unknown,
  timeoutMillis: number,
  label: string,
  signal?: AbortSignal,
): Promise<void> {
  const response = await withAttemptSignal(timeoutMillis, signal, async (attempt) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: attempt,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'error';
      throw new DeliveryError(`Sending to ${label} failed (${reason}).`);
    }
    // Reading the body frees the connection for the next request. The status already tells the
    // outcome, so a body cut off by the time-out is not an error.
    await response.arrayBuffer().catch(() => undefined);
    return response;
  });
  if (response.ok) return;
  if (response.status === 429) {
    const wait = parseRetryAfter(response.headers.get('retry-after'));
    throw new RetryAfterError(`${label} rate-limited the request (429).`, wait);
  }
  throw new DeliveryError(`${label} returned HTTP ${response.status}.`, response.status);
}

/** Posts JSON with the channel's time-out and retries; `signal` cancels the attempt and the waits. */
export function postJson(
  url: string,
  body: unknown,
  delivery: ResolvedDelivery,
  label: string,
  signal?: AbortSignal,
) {
  return withRetries(
    delivery,
    () => postJsonOnce(url, body, delivery.timeoutMillis, label, signal),
    signal,
  );
}

/** Checks that a channel URL is http or https; throws a MonitorError that names the option. */
export function checkUrl(url: string, option: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MonitorError(`Invalid ${option}: "${url}" is not a URL. Use an http or https URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MonitorError(`Invalid ${option}: use an http or https URL, not ${parsed.protocol}.`);
  }
  return url;
}
