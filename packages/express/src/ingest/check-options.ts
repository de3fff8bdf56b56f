import { MonitorError } from '@4site/monitor-core';
import type { ClientRateLimit } from './client-limiter';

// Start-up checks of the ingest options. A bad value throws in both modes, because an endpoint
// that silently turns every beacon away, or lets every origin in, is worse than one that fails
// to start.

const MAX_SHOWN = 64;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, MAX_SHOWN));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/**
 * Returns `value`, or `fallback` when it is undefined; throws a MonitorError unless it is an
 * integer from `min` to `max`.
 */
export function integerOption(
  name: string,
  value: unknown,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  throw new MonitorError(
    `Invalid ${name} ${describe(value)}: use an integer from ${min} to ${max}, or leave it out for ${fallback}.`,
  );
}

/** Returns `value`, or `fallback` when undefined; throws unless it is a finite number from `min`. */
export function numberOption(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min) return value;
  throw new MonitorError(
    `Invalid ${name} ${describe(value)}: use a finite number of at least ${min}, or leave it out for ${fallback}.`,
  );
}

/**
 * Checks `allowedOrigins`: an array of `*` or origins such as `https://4site.pro` or
 * `http://127.0.0.1:8080` (scheme, host and optional port; no path, query or trailing slash).
 * A string is rejected, because searching it would match any substring of it.
 */
export function originsOption(value: unknown): readonly string[] {
  if (value === undefined) return [];
  const fix = "pass an array of origins such as ['https://4site.pro'], or ['*'] for any origin.";
  if (!Array.isArray(value))
    throw new MonitorError(`Invalid allowedOrigins ${describe(value)}: ${fix}`);
  for (const origin of value) {
    if (origin === '*' || isOrigin(origin)) continue;
    throw new MonitorError(`Invalid origin ${describe(origin)} in allowedOrigins: ${fix}`);
  }
  return [...value] as string[];
}

function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    // An origin serialized by the browser is exactly what URL.origin gives back.
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** Checks the rate limit settings; `false` turns the limit off and is returned as is. */
export function rateLimitOption(value: unknown): Required<ClientRateLimit> | false {
  if (value === false) return false;
  if (
    value !== undefined &&
    (typeof value !== 'object' || value === null || Array.isArray(value))
  ) {
    throw new MonitorError(
      `Invalid rateLimit ${describe(value)}: pass { requestsPerMinute, burst, maxClients } or false.`,
    );
  }
  const options = (value ?? {}) as ClientRateLimit;
  return {
    requestsPerMinute: numberOption(
      'rateLimit.requestsPerMinute',
      options.requestsPerMinute,
      60,
      1,
    ),
    burst: integerOption('rateLimit.burst', options.burst, 20),
    maxClients: integerOption('rateLimit.maxClients', options.maxClients, 10_000),
  };
}
