import { type Channel, trackVisit, useMonitor } from '@4site/monitor-react';
import { useEffect } from 'react';

// Module state, because StrictMode mounts every component twice in development and a page
// load is one visit however often the landing mounts.
let visitTracked = false;

/** Tracks one visit of the landing page per page load. */
export function useVisitTracking(channel: Channel): void {
  const monitor = useMonitor();
  useEffect(() => {
    if (visitTracked) return;
    visitTracked = true;
    trackVisit(monitor, { channel, page: '/' });
  }, [monitor, channel]);
}
