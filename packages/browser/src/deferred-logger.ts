import type { Logger } from '@4site/monitor-core';

/** Log calls kept until the monitor's code has loaded; later ones are dropped. */
export const MAX_WAITING_LOGS = 100;

type Method = 'debug' | 'info' | 'warn' | 'error' | 'warnOnce';

/** A logger that passes its calls to another one, once `attach()` has set it. */
export interface DeferredLogger extends Logger {
  attach(target: Logger): void;
}

/**
 * Creates the logger of the start-up code. The core's logger masks personal data with patterns
 * that add about 1 KB gzip (measured with esbuild), so it loads with the rest of the monitor, and
 * the calls made before then wait and pass to it in order.
 * NOTE: when the rest of the monitor fails to load, the waiting lines are never printed.
 */
export function createDeferredLogger(enabled: boolean): DeferredLogger {
  let target: Logger | undefined;
  let waiting: [Method, string, unknown[]][] = [];
  const forward =
    (method: Method) =>
    (message: string, ...details: unknown[]) => {
      if (target) target[method](message, ...details);
      else if (waiting.length < MAX_WAITING_LOGS) waiting.push([method, message, details]);
    };

  return {
    enabled,
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    warnOnce: forward('warnOnce'),
    attach(logger) {
      target = logger;
      for (const [method, message, details] of waiting) logger[method](message, ...details);
      waiting = [];
    },
  };
}
