/** Options of the idempotency window. */
export interface DedupeOptions {
  /** Keys remembered at once; the oldest is forgotten first. Default: 10000. */
  maxKeys?: number;
  /** How long a key is remembered, in milliseconds. Default: 24 hours. */
  ttlMillis?: number;
}

/** Remembers idempotency keys within a bounded window. */
export interface Deduper {
  /** Records the key and returns whether it was already seen within the window. */
  seen(key: string, now: number): boolean;
  readonly size: number;
}

/** Creates a window of idempotency keys, bounded in count and in age. */
export function createDeduper(options: DedupeOptions = {}): Deduper {
  const maxKeys = options.maxKeys ?? 10_000;
  const ttlMillis = options.ttlMillis ?? 24 * 60 * 60 * 1000;
  // A Map iterates in insertion order, so its first entry is always the oldest key.
  const expiries = new Map<string, number>();

  const evict = (now: number): void => {
    for (const [key, expiry] of expiries) {
      if (expiry > now && expiries.size <= maxKeys) return;
      expiries.delete(key);
    }
  };

  return {
    seen(key, now) {
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return true;
      expiries.delete(key);
      expiries.set(key, now + ttlMillis);
      evict(now);
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}
