/** A Sentry event or breadcrumb as the hooks see it; the shape is Sentry's own. */
export type SentryPayload = Record<string, unknown>;

/**
 * Sentry settings, with Sentry's own option names so its docs apply. Other `@sentry/node`
 * options are passed through as they are. `@sentry/node` 11 must be installed.
 */
export interface SentryOptions {
  /** Address of the Sentry project, such as `https://key@o1.ingest.sentry.io/1`. Required. */
  dsn: string;
  /** Fraction of errors sent, from 0 to 1. Default: 1. */
  sampleRate?: number;
  /**
   * Fraction of requests traced by Sentry, from 0 to 1. Default: none (errors only). Ignored
   * when DataDog is configured, because dd-trace then owns tracing.
   */
  tracesSampleRate?: number;
  /** Breadcrumbs kept per request. Default: 100. */
  maxBreadcrumbs?: number;
  /** Error messages or patterns not sent. Default: none. */
  ignoreErrors?: (string | RegExp)[];
  /** Runs after the SDK's own scrubbing; return null to drop the event. */
  beforeSend?: (event: SentryPayload, hint: unknown) => SentryPayload | null;
  /** Runs after the SDK's own scrubbing; return null to drop the breadcrumb. */
  beforeBreadcrumb?: (breadcrumb: SentryPayload, hint?: unknown) => SentryPayload | null;
  /** More Sentry integrations, added to the few the SDK installs. Default: none. */
  integrations?: unknown[];
  /**
   * Time allowed from the moment one request gets its socket to the end of its response, in
   * milliseconds, however slowly the intake sends it. Waiting for a free socket does not count.
   * A request past it is abandoned and its events are counted in
   * `<prefix>_monitor_vendor_dropped_total{vendor="sentry",reason="timeout"}`. From 1. Default:
   * 5000. Sentry's own transport never abandons a request that hangs.
   */
  sendTimeoutMillis?: number;
  /**
   * Whether Sentry's module hooks inject diagnostics channels into Express and other libraries as
   * they load. Default: false without tracing, where none of the SDK's integrations reads them,
   * and Sentry's own default (true) with `tracesSampleRate`. Set it to true when an integration
   * passed in `integrations` reads them.
   */
  enableRuntimeChannelInjection?: boolean;
  /**
   * Keeps each request's breadcrumbs apart in an AsyncLocalStorage, so an error report carries
   * only the breadcrumbs of its own request. On Node 20 its first use turns on async hooks for
   * every promise of the process, which cost about a tenth of the throughput of a trivial
   * Express route in this repository's benchmark. With false, breadcrumbs go to the process
   * scope, and the error handler still adds the request data. Default: true.
   */
  isolateRequests?: boolean;
  /** Logs Sentry's own debug output. Default: false. */
  debug?: boolean;
  /** Any other `@sentry/node` option. */
  [option: string]: unknown;
}
