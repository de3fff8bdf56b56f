import type { FourSiteCatalog } from '@4site/monitor-business';
import type { Catalog, ConsentState, MonitorMode, Sink } from '@4site/monitor-core';
import { type Logger, MonitorError } from '@4site/monitor-core/basics';
import type { ApiOrigin, DatadogOptions, SentryOptions } from './vendors/vendor-options';

/** Options of `initMonitor()` in the browser. Every field is optional. */
export interface BrowserOptions<C extends Catalog = FourSiteCatalog> {
  /** Event catalog that `track()` validates against. Default: `fourSiteCatalog`. */
  catalog?: C;
  /** Name of the app, stored in the `app` context that sinks receive. Default: `4site-web`. */
  service?: string;
  /** Deployment environment, stored in the `app` context. Default: `production`. */
  environment?: string;
  /** Version of the app (a semver or a commit), stored in the `app` context. Default: none. */
  release?: string;
  /** Logs what the SDK does to the browser console. Default: false. */
  debug?: boolean;
  /**
   * `development` throws invalid events and invalid options back to the caller; `production`
   * logs them, counts a drop and goes on. Default: `production`.
   */
  mode?: MonitorMode;
  /** Initial consent; events are dropped unless it is `granted`. Default: `granted`. */
  consent?: ConsentState;
  /** URL of the ingest endpoint, absolute or relative to the page. Default: `/monitor/ingest`. */
  endpoint?: string;
  /** Events per request, an integer from 1 to 100. Default: 20. */
  maxBatchSize?: number;
  /**
   * Delay from the first queued event to the timer flush, in milliseconds, an integer from
   * 100 to 600000. Default: 5000.
   */
  flushIntervalMillis?: number;
  /**
   * Events that wait to be sent, an integer from 1 to 10000. When the queue is full, the newest
   * event is dropped and counted as `queue_full`, so the queue keeps the earliest events of a
   * visit (the landing comes first). Default: 500.
   */
  maxQueueSize?: number;
  /**
   * Largest request body in bytes of UTF-8 JSON, an integer from 256 to 60000. Batches are split
   * to stay within it, and an event that alone exceeds it is dropped as `invalid`. Default:
   * 60000, under the 64 KiB that browsers allow for a beacon or keepalive request.
   */
  maxRequestBytes?: number;
  /**
   * Time after which a request to the ingest endpoint that got no response is aborted and
   * retried, in milliseconds, an integer from 500 to 120000. Without it a hanging server would
   * hold the queue, which sends one request at a time. Default: 10000.
   */
  requestTimeoutMillis?: number;
  /** More sinks that receive every accepted event, such as a vendor integration. Default: none. */
  sinks?: readonly Sink[];
  /**
   * Origins or URL prefixes of the APIs that the app calls, as strings or patterns. They become
   * Sentry's `tracePropagationTargets` and DataDog's `allowedTracingUrls`, so both vendors add
   * their trace headers to those requests and to no others. Default: none.
   */
  apiOrigins?: readonly ApiOrigin[];
  /**
   * First-party path or URL that forwards vendor traffic, such as `/monitor/vendors`, so content
   * blockers that block vendor hosts do not stop collection. Sentry's `tunnel` becomes
   * `<proxy>/sentry` and DataDog's `proxy` becomes `<proxy>/datadog`, unless those options are
   * set themselves. Default: none, each vendor sends to its own host.
   */
  proxy?: string;
  /** Sentry error monitoring; loaded only when this object is set. Default: off. */
  sentry?: SentryOptions;
  /** DataDog Real User Monitoring; loaded only when this object is set. Default: off. */
  datadog?: DatadogOptions;
  /**
   * Reports LCP, INP, CLS, FCP and TTFB as `web_vital` events when the catalog defines that
   * event. Default: true.
   */
  webVitals?: boolean;
  /**
   * Keeps unsent events in localStorage, so a reload or a crash sends them on the next page of
   * the same origin. Default: true.
   */
  persistQueue?: boolean;
}

/** The transport settings after defaults and range checks. */
export interface TransportSettings {
  endpoint: string;
  maxBatchSize: number;
  flushIntervalMillis: number;
  maxQueueSize: number;
  maxRequestBytes: number;
  requestTimeoutMillis: number;
}

type NumericOption = Exclude<keyof TransportSettings, 'endpoint'>;
type Range = { fallback: number; min: number; max: number };

const NUMERIC_OPTIONS: Record<NumericOption, Range> = {
  maxBatchSize: { fallback: 20, min: 1, max: 100 },
  flushIntervalMillis: { fallback: 5000, min: 100, max: 600_000 },
  maxQueueSize: { fallback: 500, min: 1, max: 10_000 },
  maxRequestBytes: { fallback: 60_000, min: 256, max: 60_000 },
  requestTimeoutMillis: { fallback: 10_000, min: 500, max: 120_000 },
};

export const DEFAULT_ENDPOINT = '/monitor/ingest';

/**
 * Applies defaults and checks ranges. An invalid option throws a MonitorError in development
 * mode; in production mode it logs a warning and the default applies.
 */
export function resolveTransportSettings(
  options: BrowserOptions<Catalog>,
  mode: MonitorMode,
  logger: Logger,
): TransportSettings {
  const reject = (message: string, fallback: string | number): void => {
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} Using the default ${fallback}.`);
  };
  const settings = { endpoint: DEFAULT_ENDPOINT } as TransportSettings;

  for (const [name, range] of Object.entries(NUMERIC_OPTIONS) as [NumericOption, Range][]) {
    const value = options[name];
    settings[name] = range.fallback;
    if (value === undefined) continue;
    if (Number.isInteger(value) && value >= range.min && value <= range.max) {
      settings[name] = value;
    } else {
      const allowed = `an integer from ${range.min} to ${range.max}`;
      reject(`Invalid ${name} ${String(value)}: use ${allowed}.`, range.fallback);
    }
  }

  if (typeof options.endpoint === 'string' && options.endpoint.trim() !== '') {
    settings.endpoint = options.endpoint;
  } else if (options.endpoint !== undefined) {
    reject(
      `Invalid endpoint "${String(options.endpoint)}": use a non-empty URL.`,
      DEFAULT_ENDPOINT,
    );
  }
  return settings;
}
