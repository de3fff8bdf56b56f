import type { ServerResponse } from 'node:http';
import type { MonitoredRequest } from '../http-types';

/** Result of the origin check: whether the request may proceed, and its CORS origin if any. */
export type OriginCheck = { allowed: true; crossOrigin: string | undefined } | { allowed: false };

/**
 * Allows requests without an `Origin` (servers, curl), same-origin requests, and the configured
 * origins; `*` in the list allows every origin.
 */
export function checkOrigin(req: MonitoredRequest, allowed: readonly string[]): OriginCheck {
  const origin = req.headers.origin;
  if (origin === undefined) return { allowed: true, crossOrigin: undefined };
  if (hostOf(origin) === req.headers.host) return { allowed: true, crossOrigin: undefined };
  if (allowed.includes(origin) || allowed.includes('*'))
    return { allowed: true, crossOrigin: origin };
  return { allowed: false };
}

/** Sets the CORS headers of the response to an allowed cross-origin request. */
export function setCorsHeaders(
  res: ServerResponse,
  origin: string | undefined,
  preflight: boolean,
) {
  res.setHeader('vary', 'Origin');
  if (origin === undefined) return;
  res.setHeader('access-control-allow-origin', origin);
  // A cross-origin page can read Retry-After only when it is exposed; the browser transport
  // waits that long after a 429.
  if (!preflight) {
    res.setHeader('access-control-expose-headers', 'retry-after');
    return;
  }
  res.setHeader('access-control-allow-methods', 'POST');
  res.setHeader('access-control-allow-headers', 'content-type');
  res.setHeader('access-control-max-age', '600');
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
