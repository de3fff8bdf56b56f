import {
  type BrowserMonitor,
  type BrowserOptions,
  type Catalog,
  type FourSiteCatalog,
  initMonitor,
  type Monitor,
} from '@4site/monitor-browser';
import { type ReactNode, useState } from 'react';
import { MonitorContext } from './monitor-context';

/** Props of `MonitorProvider`: either options for `initMonitor()` or a monitor to provide. */
export type MonitorProviderProps<C extends Catalog = FourSiteCatalog> = {
  children?: ReactNode;
} & (
  | {
      /** Options for `initMonitor()`, read once when the provider mounts. */
      options: BrowserOptions<C>;
      monitor?: undefined;
    }
  | {
      /** A monitor created elsewhere, such as `initMonitor()` or a test double. */
      monitor: Monitor<C>;
      options?: undefined;
    }
);

// Monitors started per options object. StrictMode runs state initializers twice with the same
// props, so the second run must find the first monitor here: calling initMonitor() again would
// return the same monitor but log a warning.
const started = new WeakMap<object, BrowserMonitor<Catalog>>();
const NO_OPTIONS: BrowserOptions<Catalog> = {};

function startOnce(options: BrowserOptions<Catalog>): BrowserMonitor<Catalog> {
  // initMonitor() raises the MonitorError that names bad options; a WeakMap key must be an object.
  if (typeof options !== 'object' || options === null) {
    return initMonitor(options as BrowserOptions<Catalog> & { catalog: Catalog });
  }
  const existing = started.get(options);
  if (existing && !existing.closed) return existing;
  const monitor = initMonitor(options as BrowserOptions<Catalog> & { catalog: Catalog });
  started.set(options, monitor);
  return monitor;
}

/**
 * Provides a monitor to `useMonitor()`. With `options` it starts the browser monitor once, on
 * the first render, so that effects of child components can already track events. The monitor
 * stays open when the provider unmounts, because `pagehide` still has to send its queue; call
 * `close()` on it to stop it.
 */
export function MonitorProvider<C extends Catalog = FourSiteCatalog>(
  props: MonitorProviderProps<C>,
): ReactNode {
  const [own] = useState(() =>
    props.monitor ? undefined : startOnce((props.options ?? NO_OPTIONS) as BrowserOptions<Catalog>),
  );
  const monitor = (props.monitor ?? own) as Monitor | undefined;
  return (
    <MonitorContext.Provider value={monitor ?? null}>{props.children}</MonitorContext.Provider>
  );
}
