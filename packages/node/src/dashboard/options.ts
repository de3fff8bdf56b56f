import type { IncomingMessage } from 'node:http';
import type { KpiSink } from '@4site/monitor-business';
import { type AlertsSnapshot, MonitorError } from '@4site/monitor-core';

/**
 * Access control of the dashboard endpoints: a bearer token (`authorization: Bearer <token>`), a
 * callback that inspects the request (a session cookie, a network check), or `'public'`, which
 * turns access control off and suits only a local demo.
 */
export type DashboardAccess =
  | { readonly token: string }
  | { readonly authorize: (request: IncomingMessage) => boolean }
  | 'public';

/** Options of `createDashboardEndpoints()`. */
export interface DashboardEndpointsOptions {
  /**
   * Access control. Default: none, so every request gets 403 until you set it; this keeps
   * business numbers private unless a team opts in.
   */
  access?: DashboardAccess;
  /** KPI sink to read. Default: a new one-hour sink added to the monitor. */
  kpiSink?: KpiSink;
  /** Source of the alert states, such as `createAlerting(...).evaluator`. Default: none. */
  alerts?: { toJSON(): AlertsSnapshot };
  /** Path prefix of `<basePath>/kpis` and `<basePath>/events`. Default: `/monitor`. */
  basePath?: string;
  /** Time between samples in milliseconds, from 1000 to 3600000. Default: 5000. */
  sampleIntervalMillis?: number;
  /** Samples kept in the history ring, from 2 to 10000. Default: 120. */
  historyLength?: number;
  /**
   * Window of the latency quantiles (API, site generation, web vitals), in milliseconds, from
   * the sample interval to 86400000. Default: 900000 (15 minutes).
   */
  latencyWindowMillis?: number;
  /** Server-sent-event clients served at once, from 1 to 1000; more get 503. Default: 20. */
  maxClients?: number;
  /** Time between heartbeat comments on each event stream, in milliseconds, from 1000 to 3600000. Default: 15000. */
  heartbeatMillis?: number;
  /** Starts sampling at once. Default: true. */
  start?: boolean;
  /** Clock in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
}

const MIN_TOKEN_LENGTH = 16;

function checkRange(name: string, value: number, low: number, high: number, example: string) {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new MonitorError(
      `Invalid ${name} ${value}: use an integer from ${low} to ${high}, such as ${example}.`,
    );
  }
  return value;
}

function checkAccess(access: DashboardAccess | undefined): DashboardAccess | undefined {
  if (access === undefined || access === 'public') return access;
  if ('token' in access) {
    if (typeof access.token !== 'string' || access.token.length < MIN_TOKEN_LENGTH) {
      throw new MonitorError(
        `Invalid access.token: use a random string of at least ${MIN_TOKEN_LENGTH} characters, such as the output of \`openssl rand -hex 24\`.`,
      );
    }
    return access;
  }
  if (typeof access.authorize !== 'function') {
    throw new MonitorError(
      'Invalid access: use { token }, { authorize(request) } or the string "public".',
    );
  }
  return access;
}

/** Checks the options and fills in the defaults; throws a MonitorError naming a bad value. */
export function resolveOptions(options: DashboardEndpointsOptions) {
  const sampleIntervalMillis = checkRange(
    'sampleIntervalMillis',
    options.sampleIntervalMillis ?? 5000,
    1000,
    3_600_000,
    '5000',
  );
  const basePath = options.basePath ?? '/monitor';
  if (!/^(\/[\w.-]+)*$/.test(basePath)) {
    throw new MonitorError(`Invalid basePath "${basePath}": use a path such as /monitor.`);
  }
  return {
    access: checkAccess(options.access),
    basePath,
    sampleIntervalMillis,
    historyLength: checkRange('historyLength', options.historyLength ?? 120, 2, 10_000, '120'),
    latencyWindowMillis: checkRange(
      'latencyWindowMillis',
      options.latencyWindowMillis ?? 900_000,
      sampleIntervalMillis,
      86_400_000,
      '900000',
    ),
    maxClients: checkRange('maxClients', options.maxClients ?? 20, 1, 1000, '20'),
    heartbeatMillis: checkRange(
      'heartbeatMillis',
      options.heartbeatMillis ?? 15_000,
      1000,
      3_600_000,
      '15000',
    ),
    start: options.start ?? true,
    now: options.now ?? Date.now,
  };
}

export type ResolvedOptions = ReturnType<typeof resolveOptions>;
