import type { BrowserOptions } from '@4site/monitor-react';

/**
 * Vendor settings that a test page can set before the app loads, through
 * `window.__FOURSITE_MONITOR__`, so the end-to-end tests switch vendors on without a special
 * build. Nothing in the app sets it, so by default no vendor code is downloaded.
 */
export interface RuntimeMonitorConfig {
  /** URL of the ingest endpoint, such as a recording proxy in a test. */
  endpoint?: string;
  release?: string;
  sentryDsn?: string;
  datadog?: { applicationId: string; clientToken: string; proxy: string };
  apiOrigins?: string[];
}

/** Build-time settings from `VITE_` variables; every one is optional. */
export interface BuildEnv {
  MODE: string;
  DEV: boolean;
  VITE_RELEASE?: string;
  VITE_SENTRY_DSN?: string;
  VITE_DATADOG_APPLICATION_ID?: string;
  VITE_DATADOG_CLIENT_TOKEN?: string;
  VITE_DATADOG_SITE?: string;
  VITE_MONITOR_PROXY?: string;
}

/** Builds the monitor options from the build environment and the optional runtime settings. */
export function monitorOptions(env: BuildEnv, runtime?: RuntimeMonitorConfig): BrowserOptions {
  const options: BrowserOptions = {
    service: '4site-web',
    environment: env.MODE,
    debug: env.DEV,
    mode: env.DEV ? 'development' : 'production',
    apiOrigins: runtime?.apiOrigins ?? [`${globalThis.location?.origin ?? ''}/api`],
  };
  if (runtime?.endpoint) options.endpoint = runtime.endpoint;
  const release = runtime?.release ?? env.VITE_RELEASE;
  if (release) options.release = release;
  if (env.VITE_MONITOR_PROXY) options.proxy = env.VITE_MONITOR_PROXY;
  const dsn = runtime?.sentryDsn ?? env.VITE_SENTRY_DSN;
  if (dsn) options.sentry = { dsn };
  const datadog = runtime?.datadog ?? datadogFromEnv(env);
  if (datadog) options.datadog = datadog;
  return options;
}

function datadogFromEnv(env: BuildEnv): BrowserOptions['datadog'] {
  const { VITE_DATADOG_APPLICATION_ID: applicationId, VITE_DATADOG_CLIENT_TOKEN: clientToken } =
    env;
  if (!applicationId || !clientToken) return undefined;
  return {
    applicationId,
    clientToken,
    ...(env.VITE_DATADOG_SITE ? { site: env.VITE_DATADOG_SITE } : {}),
  };
}

/** Reads the runtime settings that a test page set, if any. */
export function readRuntimeConfig(): RuntimeMonitorConfig | undefined {
  const holder = globalThis as { __FOURSITE_MONITOR__?: RuntimeMonitorConfig };
  return holder.__FOURSITE_MONITOR__;
}
