import { EARLY_KEY_PREFIX, type EarlyEvent, MAX_EARLY_CALLS } from '../early-calls';
import { listKeys, MAX_STORED_AGE_MILLIS, openStorage } from './queue-store';

/** Stored entries of earlier pages that one start reads; the rest wait for the next page. */
const MAX_ENTRIES = 20;

/**
 * Tracks the events that earlier pages stored because they were left before their code loaded.
 * Each entry is removed before its events are tracked, so no two pages send it both. Events older
 * than the stored queue's limit of 23 hours are dropped.
 */
export function trackStoredEarlyEvents(
  track: (name: string, properties: unknown) => void,
  now = Date.now(),
): void {
  const storage = openStorage();
  if (!storage) return;
  for (const key of listKeys(storage, EARLY_KEY_PREFIX).slice(0, MAX_ENTRIES)) {
    for (const event of takeEntry(storage, key).slice(0, MAX_EARLY_CALLS)) {
      if (now - event.trackedAt > MAX_STORED_AGE_MILLIS) continue;
      try {
        track(event.name, event.properties);
      } catch {
        // Development mode throws on an invalid event; a stored one has no caller to tell.
      }
    }
  }
}

function takeEntry(storage: Storage, key: string): EarlyEvent[] {
  try {
    const text = storage.getItem(key);
    storage.removeItem(key);
    const parsed: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEarlyEvent) : [];
  } catch {
    return [];
  }
}

function isEarlyEvent(value: unknown): value is EarlyEvent {
  const event = value as Partial<EarlyEvent> | null;
  return typeof event?.name === 'string' && typeof event.trackedAt === 'number';
}
