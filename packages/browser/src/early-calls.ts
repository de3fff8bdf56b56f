import type { Catalog, ConsentState } from '@4site/monitor-core';
import type { BrowserMonitor } from './init';

/** Calls that wait for the monitor's code to load; later events are dropped as `queue_full`. */
export const MAX_EARLY_CALLS = 1000;
/** localStorage keys of events that a page tracked before it was left with its code unloaded. */
export const EARLY_KEY_PREFIX = '4site.monitor.early.';

/** An event tracked before the monitor's code loaded, as stored for the next page. */
export interface EarlyEvent {
  readonly name: string;
  readonly properties: unknown;
  readonly trackedAt: number;
}

type Call = (runtime: BrowserMonitor<Catalog>) => void;
interface Waiting {
  run: Call;
  /** Whether the call tracks an event, which counts as a drop when it cannot run. */
  tracks: boolean;
  /** The event to store for the next page, when consent allowed it. */
  event?: EarlyEvent;
  /** Whether the last store of this page included the event. */
  stored?: boolean;
}

/**
 * Keeps the calls made before the monitor's code loads, in order. When the page is left first,
 * the tracked events that consent allowed are stored for the next page of the origin. Whichever
 * page removes the stored entry sends its events, so none is sent twice.
 */
export function createEarlyCalls(consent: ConsentState) {
  const key = `${EARLY_KEY_PREFIX}${Math.random().toString(36).slice(2, 10)}`;
  let waiting: Waiting[] = [];
  let granted = consent === 'granted';
  let stored = false;
  // A stored entry that another page removed was sent by that page: its events are forgotten
  // here, so that neither a later store nor the code, once loaded, sends them again.
  const forgetClaimed = () => {
    if (!stored || isPresent(key)) return;
    waiting = waiting.filter((call) => !call.stored);
    stored = false;
  };
  const store = () => {
    forgetClaimed();
    const calls = waiting.filter((call) => call.event);
    const events = calls.flatMap((call) => (call.event ? [call.event] : []));
    if (events.length === 0 || !writeEvents(key, events)) return;
    stored = true;
    for (const call of calls) call.stored = true;
  };
  if (typeof addEventListener === 'function') addEventListener('pagehide', store);

  return {
    /** Adds a call; returns false when the queue is full. */
    push(run: Call): boolean {
      if (waiting.length >= MAX_EARLY_CALLS) return false;
      waiting.push({ run, tracks: false });
      return true;
    },
    pushEvent(run: Call, name: string, properties: unknown): boolean {
      if (waiting.length >= MAX_EARLY_CALLS) return false;
      const event = granted ? { name, properties, trackedAt: Date.now() } : undefined;
      waiting.push(event ? { run, tracks: true, event } : { run, tracks: true });
      return true;
    },
    setConsent(next: ConsentState): void {
      granted = next === 'granted';
    },
    /**
     * Hands the calls over once the code has loaded. Events that this page stored and another
     * page has since removed were sent by that page, so they are left out.
     */
    drain(): Call[] {
      stopStoring();
      forgetClaimed();
      if (stored) remove(key);
      const calls = waiting.map((call) => call.run);
      waiting = [];
      return calls;
    },
    /**
     * Drops every call when the code failed to load, and returns how many events were dropped.
     * Stored events stay for the next page.
     */
    discard(): number {
      stopStoring();
      store();
      const events = waiting.filter((call) => call.tracks && !call.stored).length;
      waiting = [];
      return events;
    },
  };

  function stopStoring(): void {
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', store);
  }
}

// Storage throws where the browser blocks it or is full; the events then stay in memory only.
function writeEvents(key: string, events: EarlyEvent[]): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(events));
    return true;
  } catch {
    return false;
  }
}

// Storage that cannot be read counts the entry as present, so this page sends its events.
function isPresent(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return true;
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Blocked storage: the entry could not have been written either.
  }
}
