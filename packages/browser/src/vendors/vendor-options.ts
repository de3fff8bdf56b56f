/**
 * Sentry settings. Field names are those of `Sentry.init()` in `@sentry/browser` 11, so Sentry's
 * documentation applies to them. Setting this object loads `@sentry/browser` with a dynamic
 * import; the package must be installed (`npm install @sentry/browser@^11.12.0`).
 */
export interface SentryOptions {
  /** Project DSN, such as `https://key@o0.ingest.sentry.io/1`. Required. */
  dsn: string;
  /**
   * Fraction of errors sent, from 0 to 1. Default: 1.
   */
  sampleRate?: number;
  /**
   * Fraction of page loads and navigations traced, from 0 to 1. Above 0 it needs `tracing`.
   * With 0, Sentry's tracing integration is not added at all. Default: 0.
   */
  tracesSampleRate?: number;
  /**
   * Loads Sentry's tracing integration after start-up. Write it as
   * `() => import('@4site/monitor-browser/sentry-tracing')`: the app's bundler then puts
   * Sentry's tracing code in a chunk of its own, and an app without this option bundles none of
   * it. Required when `tracesSampleRate` is above 0. Default: none.
   */
  tracing?: () => Promise<SentryTracingModule>;
  /**
   * URL that receives Sentry envelopes instead of Sentry's host, usually a path of the app's own
   * origin that forwards them. Default: `proxy` of the monitor plus `/sentry` when `proxy` is set,
   * else none.
   */
  tunnel?: string;
}

/**
 * The module `@4site/monitor-browser/sentry-tracing`. Typed without Sentry's own types, so that
 * apps without `@sentry/browser` installed type-check this package.
 */
export interface SentryTracingModule {
  browserTracingIntegration: (...args: never[]) => unknown;
}

/**
 * DataDog RUM settings. Field names are those of `datadogRum.init()` in `@datadog/browser-rum` 7,
 * so DataDog's documentation applies, including its rates in percent. Setting this object loads
 * `@datadog/browser-rum` with a dynamic import; the package must be installed
 * (`npm install @datadog/browser-rum@^7.16.2`).
 */
export interface DatadogOptions {
  /** RUM application id. Required. */
  applicationId: string;
  /** Client token, a public key made for browsers. Required. */
  clientToken: string;
  /** DataDog site of the organization, such as `datadoghq.eu`. Default: `datadoghq.com`. */
  site?: string;
  /**
   * URL that receives RUM requests instead of the site's intake, usually a path of the app's own
   * origin that forwards them; DataDog appends `?ddforward=<intake path>`. Default: `proxy` of
   * the monitor plus `/datadog` when `proxy` is set, else none.
   */
  proxy?: string;
  /** Percent of sessions tracked, from 0 to 100. Default: 100. */
  sessionSampleRate?: number;
  /** Percent of tracked sessions that are recorded for Session Replay, 0 to 100. Default: 0. */
  sessionReplaySampleRate?: number;
  /** Records clicks as RUM actions. Default: true. */
  trackUserInteractions?: boolean;
  /** Records resource timings. Default: true. */
  trackResources?: boolean;
  /** Records long tasks. Default: true. */
  trackLongTasks?: boolean;
}

/** Names of the packages that the vendor integrations import. */
export const VENDOR_PACKAGES = {
  sentry: '@sentry/browser',
  datadog: '@datadog/browser-rum',
} as const;

/** A trace-propagation target as both vendors take it: an exact prefix or a pattern. */
export type ApiOrigin = string | RegExp;
