import type { Catalog } from './event';
import type { Monitor } from './types';

/** Returns a monitor whose every call does nothing, for code that runs before init. */
export function createNoopMonitor<C extends Catalog = Catalog>(): Monitor<C> {
  return {
    track() {},
    captureError() {},
    identify() {},
    setContext() {},
    setConsent() {},
    flush: () => Promise.resolve(true),
    close: () => Promise.resolve(true),
  };
}
