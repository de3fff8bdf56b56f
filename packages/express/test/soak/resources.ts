import { createHook } from 'node:async_hooks';
import type { Server } from 'node:http';

/** Counts by name, such as resource types or event names. */
export type Counts = Record<string, number>;

const PROCESS_EVENTS = [
  'SIGTERM',
  'SIGINT',
  'beforeExit',
  'exit',
  'uncaughtException',
  'unhandledRejection',
  'warning',
  'message',
] as const;

const SERVER_EVENTS = [
  'request',
  'connection',
  'close',
  'error',
  'listening',
  'upgrade',
  'checkContinue',
  'clientError',
] as const;

/** Counts the resources that keep the event loop alive, by type (`Timeout`, `TCPServerWrap`...). */
export function activeResources(): Counts {
  return countBy(process.getActiveResourcesInfo());
}

/** Counts the listeners that the process has for the events a monitor could listen to. */
export function processListeners(): Counts {
  return Object.fromEntries(PROCESS_EVENTS.map((event) => [event, process.listenerCount(event)]));
}

/** Counts the listeners of an HTTP server, by event. */
export function serverListeners(server: Server): Counts {
  return Object.fromEntries(SERVER_EVENTS.map((event) => [event, server.listenerCount(event)]));
}

/**
 * Tracks the async resources that are alive, by type, from now on. Unlike
 * `process.getActiveResourcesInfo()`, this also sees unref'd timers and observers, which do not
 * keep the process alive but still run and hold memory. Promises are left out: they come and go
 * by the thousand and are collected with their callers.
 */
export function trackLiveResources(): () => Counts {
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'PROMISE') live.set(asyncId, type);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  hook.enable();
  return () => countBy(live.values());
}

function countBy(names: Iterable<string>): Counts {
  const counts: Counts = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
