import { describeArgument, MonitorError } from '@4site/monitor-core';
import type { Handler } from './http-types';
import { sendJson } from './http-types';
import type { MonitorLike } from './monitor-like';

const MAX_CHECK_TIMEOUT_MILLIS = 600_000;

/** A readiness check, such as a database ping. It passes unless it throws or rejects. */
export type HealthCheck = (signal: AbortSignal) => unknown;

/** Options of the health endpoints. */
export interface HealthOptions {
  /** Named readiness checks, such as `{ database: () => pool.query('SELECT 1') }`. Default: none. */
  checks?: Readonly<Record<string, HealthCheck>>;
  /** How long one check may take before it fails, in milliseconds, from 1 to 600000. Default: 2000. */
  checkTimeoutMillis?: number;
}

interface CheckResult {
  status: 'ok' | 'fail';
  durationMs: number;
  error?: string;
}

/** Serves liveness: the process serves requests. Always 200 while it can respond at all. */
export function livenessHandler(monitor: MonitorLike): Handler {
  return (_req, res) => {
    sendJson(res, 200, { status: 'ok', service: monitor.service, uptimeSeconds: uptime() });
  };
}

/**
 * Serves readiness: 200 when every named check passes, 503 when one fails or times out, or when
 * the monitor is closed because the process is shutting down.
 */
export function readinessHandler(monitor: MonitorLike, options: HealthOptions = {}): Handler {
  const checks = Object.entries(options.checks ?? {});
  const timeoutMillis = checkTimeout(options.checkTimeoutMillis);
  return (_req, res) => {
    const answer = (results: CheckResult[]) => {
      const ready = !monitor.closed && results.every((result) => result.status === 'ok');
      let status = ready ? 'ok' : 'fail';
      if (monitor.closed) status = 'shutting_down';
      const named = Object.fromEntries(checks.map(([name], i) => [name, results[i]]));
      sendJson(res, ready ? 200 : 503, {
        status,
        service: monitor.service,
        uptimeSeconds: uptime(),
        checks: named,
      });
    };
    // The response is sent after the checks settle, outside the handler's own call. A failure
    // there, such as a response object that is not a real one, is logged instead of becoming an
    // unhandled rejection in the app.
    void Promise.all(checks.map(([, check]) => runCheck(check, timeoutMillis)))
      .then(answer)
      .catch((error: unknown) => {
        try {
          monitor.logger.error('Sending the readiness response failed.', error);
        } catch {
          // The logger failed too; nothing is left to report to.
        }
      });
  };
}

async function runCheck(check: HealthCheck, timeoutMillis: number): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMillis} ms`));
    }, timeoutMillis);
  });
  try {
    await Promise.race([Promise.resolve().then(() => check(controller.signal)), timeout]);
    return { status: 'ok', durationMs: elapsed(started) };
  } catch (error) {
    return { status: 'fail', durationMs: elapsed(started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Names a failure without its message, which may hold hosts or credentials: an error code such
 * as `ECONNREFUSED`, the timeout, or the error's class.
 */
function describe(error: unknown): string {
  if (error instanceof Error && error.message.startsWith('timed out after')) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w-]{1,40}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'failed';
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function uptime(): number {
  return Math.round(process.uptime());
}

// A value such as '2s' would make every check time out at once, or never.
function checkTimeout(value: unknown): number {
  if (value === undefined) return 2000;
  if (typeof value === 'number' && value >= 1 && value <= MAX_CHECK_TIMEOUT_MILLIS) return value;
  throw new MonitorError(
    `Invalid checkTimeoutMillis ${describeArgument(value)}: use milliseconds from 1 to ${MAX_CHECK_TIMEOUT_MILLIS}.`,
  );
}
