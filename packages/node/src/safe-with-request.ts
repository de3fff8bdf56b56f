import { MonitorError, type MonitorMode } from '@4site/monitor-core';
import type { RequestInfo } from './vendors/sentry-sink';

type WithRequest = <T>(request: RequestInfo, callback: () => T) => T;

/**
 * Checks the callback of `withRequest()`: one that is not a function is ignored in production
 * mode and raises a MonitorError in development mode. Both vendor implementations, the request
 * context's `AsyncLocalStorage.run()` and the direct call without Sentry, throw only what the
 * callback throws, which is the app's own error and passes through. This runs on every request,
 * so it allocates nothing.
 */
export function safeWithRequest(withRequest: WithRequest, mode: MonitorMode): WithRequest {
  return <T>(request: RequestInfo, callback: () => T): T => {
    if (typeof callback !== 'function') {
      const message = `withRequest(): invalid callback of type ${typeof callback}: pass a function.`;
      if (mode === 'development') throw new MonitorError(message);
      return undefined as T;
    }
    return withRequest(request, callback);
  };
}
