import { createHash, randomBytes } from 'node:crypto';

/** Settings of the ingest endpoint's per-client rate limit. */
export interface ClientRateLimit {
  /** Requests that one client may send per minute on average. From 1. Default: 60. */
  requestsPerMinute?: number;
  /** Requests that one client may send at once after a quiet time. From 1. Default: 20. */
  burst?: number;
  /** Clients remembered at once; the least recently seen is forgotten first. Default: 10000. */
  maxClients?: number;
}

/** Takes a request from a client's budget; returns 0, or the seconds to wait when empty. */
export type ClientLimiter = (clientAddress: string, now: number) => number;

/**
 * Creates a token bucket per client. Clients are keyed by a salted hash of their address, so the
 * map never contains an IP address, and the map is bounded by `maxClients`.
 */
export function createClientLimiter(options: ClientRateLimit = {}): ClientLimiter {
  const perMillis = (options.requestsPerMinute ?? 60) / 60_000;
  const burst = options.burst ?? 20;
  const maxClients = options.maxClients ?? 10_000;
  const salt = randomBytes(16);
  const buckets = new Map<string, { tokens: number; updated: number }>();

  return (clientAddress, now) => {
    const key = createHash('sha256').update(salt).update(clientAddress).digest('base64url');
    const bucket = buckets.get(key) ?? { tokens: burst, updated: now };
    buckets.delete(key);
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perMillis);
    bucket.updated = now;
    // Re-inserting keeps the Map in least-recently-seen order, so the first key is evicted.
    buckets.set(key, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMillis / 1000);
  };
}
