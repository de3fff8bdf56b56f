import {
  type Catalog,
  type FourSiteCatalog,
  getMonitor,
  type Monitor,
} from '@4site/monitor-browser';
import { useContext } from 'react';
import { MonitorContext } from './monitor-context';

let warned = false;

/**
 * Returns the monitor of the nearest `MonitorProvider`. Outside any provider it returns the
 * monitor that `initMonitor()` opened, or else a monitor that does nothing, and logs a one-time
 * warning, so a component also works without a provider.
 */
export function useMonitor<C extends Catalog = FourSiteCatalog>(): Monitor<C> {
  const provided = useContext(MonitorContext);
  if (provided) return provided as unknown as Monitor<C>;
  if (!warned) {
    warned = true;
    import('./warn-outside-provider')
      .then(({ warnOutsideProvider }) => warnOutsideProvider())
      .catch(() => {
        // Without its chunk the warning is lost, and the app goes on.
      });
  }
  return getMonitor<C>();
}
