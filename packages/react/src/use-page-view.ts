import type { BrowserMonitor, Monitor } from '@4site/monitor-browser';
import { useEffect } from 'react';
import { useMonitor } from './use-monitor';

function isBrowserMonitor(monitor: Monitor): monitor is BrowserMonitor {
  return typeof (monitor as Partial<BrowserMonitor>).setPage === 'function';
}

/**
 * Tells the monitor which route is on screen, after each change of `template`. Pass the route
 * template, such as `/sites/:id`, never the URL: web vitals are labelled with it, Sentry groups
 * later errors under it and DataDog RUM names the current view after it. A monitor without
 * pages, such as a test double, is left alone.
 */
export function usePageView(template: string): void {
  const monitor = useMonitor();
  useEffect(() => {
    if (isBrowserMonitor(monitor)) monitor.setPage(template);
  }, [monitor, template]);
}
