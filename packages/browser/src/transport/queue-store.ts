import type { QueuedEvent } from './batch';

/** Prefix of the localStorage keys that hold unsent events, one key per tab. */
export const QUEUE_KEY_PREFIX = '4site.monitor.queue.';

/**
 * Age after which a stored event is dropped instead of sent, in milliseconds. The ingest
 * endpoint remembers event ids for 24 hours, so an older event could be counted twice.
 */
export const MAX_STORED_AGE_MILLIS = 23 * 60 * 60 * 1000;

/** Unsent events kept in localStorage, so that a reload or a crash does not lose them. */
export interface QueueStore {
  /**
   * Removes the events that every tab stored, including closed tabs, and returns at most
   * `maxEvents` of them, oldest first. Another open tab keeps its events in memory and stores
   * them again on its next change.
   */
  claim(maxEvents: number): QueuedEvent[];
  /** Replaces this tab's stored events. */
  save(items: readonly QueuedEvent[]): void;
}

interface StoredEvent extends QueuedEvent {
  readonly storedAt: number;
}

/**
 * Creates a store on `localStorage`, or returns undefined where storage is missing or blocked
 * (private modes, disabled cookies). The transport then keeps its queue in memory only.
 */
export function createQueueStore(now: () => number = Date.now): QueueStore | undefined {
  const storage = openStorage();
  if (!storage) return undefined;
  const key = `${QUEUE_KEY_PREFIX}${Math.random().toString(36).slice(2, 10)}`;
  const storedAt = new Map<string, number>();

  return {
    claim(maxEvents) {
      const found: StoredEvent[] = [];
      for (const storedKey of listKeys(storage)) {
        found.push(...readEvents(storage, storedKey));
        storage.removeItem(storedKey);
      }
      const fresh = found.filter((item) => now() - item.storedAt < MAX_STORED_AGE_MILLIS);
      fresh.sort((a, b) => a.storedAt - b.storedAt);
      const kept = fresh.slice(0, maxEvents);
      for (const item of kept) storedAt.set(item.id, item.storedAt);
      return kept.map(({ id, json, bytes, attempts }) => ({ id, json, bytes, attempts }));
    },
    save(items) {
      const time = now();
      const stored = items.map((item) => ({ ...item, storedAt: storedAt.get(item.id) ?? time }));
      for (const item of stored) storedAt.set(item.id, item.storedAt);
      forgetMissing(storedAt, items);
      write(storage, key, stored);
    },
  };
}

/** Returns localStorage, or undefined where the browser blocks it. */
export function openStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : undefined;
  } catch {
    // Reading `localStorage` itself throws where the browser blocks storage.
    return undefined;
  }
}

/** Lists the keys of the storage that start with the prefix. */
export function listKeys(storage: Storage, prefix = QUEUE_KEY_PREFIX): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

function readEvents(storage: Storage, key: string): StoredEvent[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isStoredEvent) : [];
  } catch {
    return [];
  }
}

function isStoredEvent(value: unknown): value is StoredEvent {
  const item = value as Partial<StoredEvent> | null;
  return (
    typeof item?.id === 'string' &&
    typeof item.json === 'string' &&
    typeof item.bytes === 'number' &&
    typeof item.attempts === 'number' &&
    typeof item.storedAt === 'number'
  );
}

function write(storage: Storage, key: string, items: readonly StoredEvent[]): void {
  try {
    if (items.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(items));
  } catch {
    // Over quota or blocked: the events stay in memory and are still sent while the page lives.
  }
}

function forgetMissing(storedAt: Map<string, number>, items: readonly QueuedEvent[]): void {
  if (storedAt.size <= items.length) return;
  const ids = new Set(items.map((item) => item.id));
  for (const id of storedAt.keys()) if (!ids.has(id)) storedAt.delete(id);
}
