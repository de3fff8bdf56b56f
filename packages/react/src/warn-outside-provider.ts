import { createLogger } from '@4site/monitor-core';

// Imported on demand by useMonitor(), so the logger and its masking patterns stay out of the
// page's first chunk.
const logger = createLogger();

/** Warns once that a component called useMonitor() outside a MonitorProvider. */
export function warnOutsideProvider(): void {
  logger.warnOnce(
    'useMonitor() was called outside a <MonitorProvider>: wrap the app in <MonitorProvider> ' +
      'so that its events are sent.',
  );
}
