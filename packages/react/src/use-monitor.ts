import {
  type Catalog,
  createLogger,
  type FourSiteCatalog,
  getMonitor,
  type Monitor,
} from '@4site/monitor-browser';
import { useContext } from 'react';
import { MonitorContext } from './monitor-context';

let logger: ReturnType<typeof createLogger> | undefined;

/**
 * Returns the monitor of the nearest `MonitorProvider`. Outside any provider it returns the
 * monitor that `initMonitor()` opened, or else a monitor that does nothing, and logs a one-time
 * warning, so a component also works without a provider.
 */
export function useMonitor<C extends Catalog = FourSiteCatalog>(): Monitor<C> {
  const provided = useContext(MonitorContext);
  if (provided) return provided as unknown as Monitor<C>;
  logger ??= createLogger();
  logger.warnOnce(
    'useMonitor() was called outside a <MonitorProvider>: wrap the app in <MonitorProvider> ' +
      'so that its events are sent.',
  );
  return getMonitor<C>();
}
