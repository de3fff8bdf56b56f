import { guardConfig } from '@4site/monitor-core';
import type { ErrorHandler, Handler } from './http-types';

type AnyHandler = (...args: unknown[]) => unknown;

/** Receives the failures that the wrappers stop, such as the monitor's debug logger. */
export type FailureLog = (message: string, error: unknown) => void;

// Returns a log that writes to the factory's monitor's debug logger, if it has one. A failure of
// the logger itself is ignored, because it must not turn into an exception in the app.
export function failureLogOf(name: string, monitor: unknown): FailureLog {
  return (message, error) => {
    try {
      const logger = (monitor as { logger?: { error?: unknown } } | null)?.logger;
      if (typeof logger?.error === 'function') logger.error(`${name}: ${message}`, error);
    } catch {
      // Nothing left to report to.
    }
  };
}

function callNext(next: unknown, ...error: unknown[]): void {
  try {
    if (typeof next === 'function') next(...error);
  } catch {
    // The app's own next() failed; Express reports that itself.
  }
}

// Keeps the marks that `checkPlacement()` reads, which are symbol properties of the handler.
function copyMarks(from: object, to: object): void {
  for (const key of Object.getOwnPropertySymbols(from)) {
    Object.defineProperty(
      to,
      key,
      Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor,
    );
  }
}

function settle(result: unknown, onFailure: (error: unknown) => void): void {
  if (result instanceof Promise) result.catch(onFailure);
}

/**
 * Wraps a request handler so that a failure inside it, such as from a request or response that
 * is not what Express passes, never reaches the app: the request goes on to `next()`.
 */
export function safeHandler<H extends Handler>(handler: H, log?: FailureLog): H {
  // Built once per handler rather than per request, because the wrapper runs on every request.
  const fail = (next: unknown, error: unknown): void => {
    log?.('the handler failed, so the request went on to next().', error);
    callNext(next);
  };
  // Some callers pass more than Express's three arguments, such as express-rate-limit's options
  // to its handler, so the rest are passed on.
  const wrapped = function (
    this: unknown,
    req: unknown,
    res: unknown,
    next: unknown,
    ...rest: unknown[]
  ) {
    try {
      const call = handler as unknown as AnyHandler;
      const result =
        rest.length === 0
          ? call.call(this, req, res, next)
          : call.call(this, req, res, next, ...rest);
      if (result instanceof Promise) result.catch((error: unknown) => fail(next, error));
    } catch (error) {
      fail(next, error);
    }
  };
  copyMarks(handler, wrapped);
  return wrapped as unknown as H;
}

/**
 * Wraps an error handler the same way: on its own failure the original error goes on to
 * `next(error)`, so the app's error handling still runs. Express recognises an error handler
 * by its four parameters, which the wrapper keeps.
 */
export function safeErrorHandler(handler: ErrorHandler, log?: FailureLog): ErrorHandler {
  const wrapped = function (
    this: unknown,
    error: unknown,
    req: unknown,
    res: unknown,
    next: unknown,
  ) {
    const fail = (failure: unknown) => {
      log?.('the error handler failed, so the error went on to next(error).', failure);
      callNext(next, error);
    };
    try {
      settle((handler as unknown as AnyHandler).call(this, error, req, res, next), fail);
    } catch (failure) {
      fail(failure);
    }
  };
  copyMarks(handler, wrapped);
  return wrapped as unknown as ErrorHandler;
}

/**
 * Guards a factory of handlers: whatever the factory throws becomes a MonitorError, and the
 * handler it returns is wrapped by `safeHandler()`, logging through the monitor's logger.
 */
export function guardHandlerFactory<F extends (...args: never[]) => Handler>(
  name: string,
  factory: F,
): F {
  const wrapped = (...args: Parameters<F>) =>
    safeHandler(factory(...args), failureLogOf(name, args[0]));
  return guardConfig(name, wrapped as F);
}
