import { MonitorError, type MonitorMode } from '@4site/monitor-core';
import type { RequestInfo } from './vendors/sentry-sink';

type WithRequest = <T>(request: RequestInfo, callback: () => T) => T;

/**
 * Wraps a vendor's `withRequest()` so that a failure of the vendor scope never reaches the app:
 * the callback then runs without a scope. An error that the callback itself throws is the app's
 * and passes through. A callback that is not a function is ignored in production mode and raises
 * a MonitorError in development mode.
 */
export function safeWithRequest(withRequest: WithRequest, mode: MonitorMode): WithRequest {
  return <T>(request: RequestInfo, callback: () => T): T => {
    if (typeof callback !== 'function') {
      const message = `withRequest(): invalid callback of type ${typeof callback}: pass a function.`;
      if (mode === 'development') throw new MonitorError(message);
      return undefined as T;
    }
    let ran = false;
    const run = () => {
      ran = true;
      return callback();
    };
    try {
      return withRequest(request, run);
    } catch (error) {
      if (ran) throw error;
      return callback();
    }
  };
}
