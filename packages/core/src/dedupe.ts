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
  const expiries = new Map<string, number>();
  // Keys in insertion order with their expiry. Evicting from the head of this queue is O(1),
  // whereas iterating a Map from its start after many deletions walks every deleted slot in V8.
  let order: { key: string; expiry: number }[] = [];
  let head = 0;

  const evict = (now: number): void => {
    while (head < order.length) {
      const oldest = order[head] as { key: string; expiry: number };
      if (oldest.expiry > now && expiries.size <= maxKeys) break;
      // A key seen again after it expired has a newer entry further back; keep that one.
      if (expiries.get(oldest.key) === oldest.expiry) expiries.delete(oldest.key);
      head++;
    }
    if (head > 1024 && head * 2 > order.length) {
      order = order.slice(head);
      head = 0;
    }
  };

  return {
    seen(key, now) {
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return true;
      expiries.set(key, now + ttlMillis);
      order.push({ key, expiry: now + ttlMillis });
      evict(now);
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}
