import type { ServerResponse } from 'node:http';
import { RATE_LIMIT_SCOPES } from '@4site/monitor-business';
import { describeArgument, MonitorError } from '@4site/monitor-core';
import type { Handler, MonitoredRequest, NextFunction } from './http-types';
import type { MonitorLike } from './monitor-like';

/** Reason of a failed authentication, the `reason` label of `<prefix>_auth_failures_total`. */
export type AuthFailureReason =
  | 'invalid_credentials'
  | 'invalid_token'
  | 'expired_token'
  | 'missing_credentials'
  | 'forbidden'
  | 'other';

/** Options of `authFailureMiddleware()`. */
export interface AuthFailureOptions {
  /** Response statuses that count as a failed authentication. Default: `[401]`. */
  statuses?: readonly number[];
}

// A route may name the reason of its 401 in `res.locals`, which Express 4 and 5 both have.
type WithLocals = ServerResponse & { locals?: { authFailureReason?: unknown } };

/**
 * Counts a failed authentication. Only the reason becomes a label: never pass the user, the
 * e-mail or the address. Requires an `auth_failure` event in the catalog (the 4site catalog has it).
 */
export function recordAuthFailure(monitor: MonitorLike, reason: AuthFailureReason): void {
  try {
    if (Object.hasOwn(monitor.catalog, 'auth_failure')) monitor.record('auth_failure', { reason });
  } catch (error) {
    // Runs on the request path: only development mode's MonitorError reaches the caller.
    if (error instanceof Error && error.name === 'MonitorError') throw error;
  }
}

/** Counts a request that a rate limiter rejected, labelled by the limiter's scope. */
export function recordViolation(monitor: MonitorLike, scope: string): void {
  if (Object.hasOwn(monitor.catalog, 'rate_limit_violation')) {
    monitor.record('rate_limit_violation', { scope });
  }
}

/**
 * Counts every response with a 401 status as a failed authentication. The reason is
 * `res.locals.authFailureReason` when a route set it, else `missing_credentials` when the request
 * had no credentials, else `invalid_credentials`. A listed 403 counts as `forbidden`.
 */
export function authFailureMiddleware(
  monitor: MonitorLike,
  options: AuthFailureOptions = {},
): Handler {
  const statuses = new Set(options.statuses ?? [401]);
  return (req, res, next) => {
    res.once('finish', () => {
      if (!statuses.has(res.statusCode)) return;
      try {
        recordAuthFailure(monitor, reasonOf(req, res as WithLocals));
      } catch (error) {
        monitor.logger.error('Counting a failed authentication failed.', error);
      }
    });
    next();
  };
}

function reasonOf(req: MonitoredRequest, res: WithLocals): AuthFailureReason {
  const named = res.locals?.authFailureReason;
  if (typeof named === 'string') return named as AuthFailureReason;
  if (res.statusCode === 403) return 'forbidden';
  const hasCredentials =
    req.headers.authorization !== undefined || req.headers.cookie !== undefined;
  return hasCredentials ? 'invalid_credentials' : 'missing_credentials';
}

/** Options of `rateLimitHandler()`. */
export interface RateLimitHandlerOptions {
  /** The limiter's scope label: `api`, `auth`, `generation`, `ingest` or `other`. Default: `api`. */
  scope?: string;
}

/** Options that express-rate-limit passes as the fourth argument of its `handler`. */
interface LimiterOptions {
  statusCode?: number;
  message?: unknown;
}

type LimitHandler = (
  req: MonitoredRequest,
  res: ServerResponse,
  next: NextFunction,
  options?: LimiterOptions,
) => void;

/**
 * Returns a `handler` for express-rate-limit that counts the violation by scope, then responds
 * as the library's default handler does, with its `statusCode` (429) and its `message`.
 */
export function rateLimitHandler(
  monitor: MonitorLike,
  options: RateLimitHandlerOptions = {},
): LimitHandler {
  const scope = options.scope ?? 'api';
  // Checked here, at start-up: a violation with another scope would be dropped as invalid.
  if (!(RATE_LIMIT_SCOPES as readonly unknown[]).includes(scope)) {
    throw new MonitorError(
      `Invalid scope ${describeArgument(scope)}: use one of ${RATE_LIMIT_SCOPES.join(', ')}.`,
    );
  }
  return (req, res, next, limiter = {}) => {
    try {
      recordViolation(monitor, scope);
    } catch (error) {
      monitor.logger.error('Counting a rate-limit violation failed.', error);
    }
    const status = limiter.statusCode ?? 429;
    const message =
      typeof limiter.message === 'function' ? limiter.message(req, res) : limiter.message;
    // The response is sent after the handler returned, so its failure is passed to next() rather
    // than left as an unhandled rejection in the app.
    Promise.resolve(message)
      .then((body) => {
        if (res.headersSent) return;
        res.statusCode = status;
        if (body !== null && typeof body === 'object') {
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(JSON.stringify(body));
        } else {
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          res.end(String(body ?? 'Too many requests, please try again later.'));
        }
      })
      .catch((error: unknown) => {
        try {
          next(error);
        } catch {
          // The app's next() failed as well; nothing is left to report to.
        }
      });
  };
}
