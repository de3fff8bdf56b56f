import { describeArgument } from './arguments';
import { MonitorError } from './errors';

/** Options of the idempotency window. */
export interface DedupeOptions {
  /** Keys remembered at once, a whole number from 1 to 1000000; the oldest goes first. Default: 10000. */
  maxKeys?: number;
  /** How long a key is remembered, in milliseconds, from 1 to 30 days. Default: 24 hours. */
  ttlMillis?: number;
}

const MAX_KEYS = 1_000_000;
const MAX_TTL_MILLIS = 30 * 24 * 60 * 60 * 1000;

/** Remembers idempotency keys within a bounded window. */
export interface Deduper {
  /**
   * Records the key and returns whether it was already seen within the window. Keys of different
   * scopes, such as event names, never match each other. Default scope: the empty string.
   */
  seen(key: string, now: number, scope?: string): boolean;
  readonly size: number;
}

/** Creates a window of idempotency keys, bounded in count and in age. */
export function createDeduper(options: DedupeOptions = {}): Deduper {
  const maxKeys = wholeNumber(options.maxKeys, 10_000, 'maxKeys', MAX_KEYS);
  const ttlMillis = wholeNumber(
    options.ttlMillis,
    24 * 60 * 60 * 1000,
    'ttlMillis',
    MAX_TTL_MILLIS,
  );
  // Expiry of each key, by scope. Keys are not joined with their scope into one string, because
  // building and hashing that longer string cost about 100 ns per new key (Node 20, Map inserts).
  const scopes = new Map<string, Map<string, number>>();
  let size = 0;
  // Keys in insertion order, with their scope's map and expiry in parallel arrays so that an
  // insert allocates no object. Evicting from the head of this queue is O(1), whereas iterating a
  // Map from its start after many deletions walks every deleted slot in V8.
  let orderKeys: string[] = [];
  let orderMaps: Map<string, number>[] = [];
  let orderExpiries: number[] = [];
  let head = 0;

  const evict = (now: number): void => {
    while (head < orderKeys.length) {
      const expiry = orderExpiries[head] as number;
      if (expiry > now && size <= maxKeys) break;
      const key = orderKeys[head] as string;
      const expiries = orderMaps[head] as Map<string, number>;
      // A key seen again after it expired has a newer entry further back; keep that one.
      if (expiries.get(key) === expiry) {
        expiries.delete(key);
        size--;
      }
      head++;
    }
    if (head > 1024 && head * 2 > orderKeys.length) {
      orderKeys = orderKeys.slice(head);
      orderMaps = orderMaps.slice(head);
      orderExpiries = orderExpiries.slice(head);
      head = 0;
    }
  };

  const expiriesOf = (scope: string): Map<string, number> => {
    let expiries = scopes.get(scope);
    if (!expiries) {
      expiries = new Map();
      scopes.set(scope, expiries);
    }
    return expiries;
  };

  return {
    seen(key, now, scope = '') {
      const expiries = expiriesOf(scope);
      const known = expiries.get(key);
      if (known !== undefined && known > now) return true;
      const expiry = now + ttlMillis;
      if (known === undefined) size++;
      expiries.set(key, expiry);
      orderKeys.push(key);
      orderMaps.push(expiries);
      orderExpiries.push(expiry);
      evict(now);
      return false;
    },
    get size() {
      return size;
    },
  };
}

// The window is set up at start-up, where a bad option throws in both modes, as the mode does.
function wholeNumber(value: unknown, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) {
    return value;
  }
  throw new MonitorError(
    `Invalid dedupe.${name} ${describeArgument(value)}: use a whole number from 1 to ${max}.`,
  );
}
