import type { Catalog, ConsentState, MonitorMode, Sink } from '@4site/monitor-core';
import { type Logger, MonitorError } from '@4site/monitor-core/basics';
import { type BrowserOptions, resolveTransportSettings, type TransportSettings } from './options';
import type { VendorSettings } from './vendors/start-vendors';
import type { ApiOrigin } from './vendors/vendor-options';

/** The options of `initMonitor()` after defaults and checks. */
export interface CheckedOptions extends VendorSettings {
  readonly service: string;
  readonly environment: string;
  readonly release: string | undefined;
  readonly webVitals: boolean;
  readonly persistQueue: boolean;
  readonly sinks: readonly Sink[];
  readonly mode: MonitorMode;
  readonly consent: ConsentState;
  readonly transport: TransportSettings;
  readonly apiOrigins: readonly ApiOrigin[];
  readonly proxy: string | undefined;
}

/**
 * Checks the options when `initMonitor()` is called, before the rest of the monitor loads, so
 * that in development mode a bad option throws from that call. In production mode a bad option
 * logs a warning and its default applies, or the vendor it belongs to stays off.
 */
export function checkBrowserOptions(options: BrowserOptions<Catalog>, logger: Logger) {
  const mode = browserMode(options.mode, logger);
  const reject = (message: string, fallback: string) => {
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} ${fallback}`);
  };
  const checked: CheckedOptions = {
    service: text(options.service, 'service', '4site-web', reject) ?? '4site-web',
    environment: text(options.environment, 'environment', 'production', reject) ?? 'production',
    release: text(options.release, 'release', undefined, reject),
    webVitals: flag(options.webVitals, 'webVitals', reject),
    persistQueue: flag(options.persistQueue, 'persistQueue', reject),
    sinks: checkSinks(options.sinks, reject),
    mode,
    consent: browserConsent(options.consent, mode, logger),
    transport: resolveTransportSettings(options, mode, logger),
    apiOrigins: checkOrigins(options.apiOrigins, mode, logger),
    proxy: checkProxy(options.proxy, mode, logger),
    sentry: checkSentry(options, mode, logger),
    datadog: checkDatadog(options, mode, logger),
  };
  return checked;
}

type Reject = (message: string, fallback: string) => void;

function text(value: unknown, name: string, fallback: string | undefined, reject: Reject) {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 200) return value;
  reject(
    `Invalid ${name} ${describe(value)}: use a non-empty string of at most 200 characters.`,
    fallback === undefined ? 'Using none.' : `Using ${fallback}.`,
  );
  return fallback;
}

function flag(value: unknown, name: string, reject: Reject): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? true;
  reject(`Invalid ${name} ${describe(value)}: use true or false.`, 'Using true.');
  return true;
}

function checkSinks(sinks: unknown, reject: Reject): readonly Sink[] {
  if (sinks === undefined) return [];
  const list = Array.isArray(sinks) ? sinks : [sinks];
  const valid = list.filter(
    (sink): sink is Sink =>
      typeof sink === 'object' && sink !== null && typeof (sink as Sink).name === 'string',
  );
  if (!Array.isArray(sinks) || valid.length !== list.length) {
    reject(
      'Invalid sinks: pass an array of objects, each with a string name and handler methods.',
      'Ignored the invalid entries.',
    );
  }
  return valid;
}

// A throw at start-up would break the page, so an unknown mode warns and runs as production.
function browserMode(value: unknown, logger: Logger): MonitorMode {
  if (value === undefined || value === 'production' || value === 'development') {
    return (value ?? 'production') as MonitorMode;
  }
  logger.warnOnce(
    `Invalid mode ${JSON.stringify(String(value))}: use production or development. Using production.`,
  );
  return 'production';
}

// An unknown consent throws in development mode. In production it warns and sends nothing until
// the app sets the consent, because sending without a clear consent is the worse mistake.
function browserConsent(value: unknown, mode: MonitorMode, logger: Logger): ConsentState {
  if (value === undefined) return 'granted';
  if (value === 'granted' || value === 'denied' || value === 'pending') return value;
  const message = `Invalid consent ${JSON.stringify(String(value))}: use granted, denied or pending.`;
  if (mode === 'development') throw new MonitorError(message);
  logger.warnOnce(`${message} Using pending until setConsent() is called.`);
  return 'pending';
}

function checkOrigins(
  origins: readonly ApiOrigin[] | undefined,
  mode: MonitorMode,
  logger: Logger,
): readonly ApiOrigin[] {
  const valid = (origins ?? []).filter(
    (origin) => (typeof origin === 'string' && origin !== '') || origin instanceof RegExp,
  );
  if (valid.length !== (origins ?? []).length) {
    const message =
      'Invalid apiOrigins entry: use non-empty strings such as "https://api.example.com" or RegExp patterns.';
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} Ignored the invalid entries.`);
  }
  return valid;
}

function checkProxy(proxy: string | undefined, mode: MonitorMode, logger: Logger) {
  if (proxy === undefined) return undefined;
  if (typeof proxy === 'string' && proxy.trim() !== '') return proxy.replace(/\/+$/, '');
  const message = `Invalid proxy "${String(proxy)}": use a path such as "/monitor/vendors" or an absolute URL.`;
  if (mode === 'development') throw new MonitorError(message);
  logger.warnOnce(`${message} Vendors send to their own hosts.`);
  return undefined;
}

function checkSentry(options: BrowserOptions<Catalog>, mode: MonitorMode, logger: Logger) {
  const sentry = options.sentry;
  if (!sentry) return undefined;
  if (typeof sentry.dsn !== 'string' || sentry.dsn.trim() === '') {
    return reject(
      mode,
      logger,
      `Invalid sentry.dsn "${String(sentry.dsn)}": set the DSN of the Sentry project, or remove the sentry option.`,
    );
  }
  if ((sentry.tracesSampleRate ?? 0) > 0 && typeof sentry.tracing !== 'function') {
    const message =
      'Missing sentry.tracing for tracesSampleRate above 0: set tracing to ' +
      "() => import('@4site/monitor-browser/sentry-tracing'), or remove tracesSampleRate.";
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} Sentry reports errors without tracing.`);
  }
  return sentry;
}

function checkDatadog(options: BrowserOptions<Catalog>, mode: MonitorMode, logger: Logger) {
  const datadog = options.datadog;
  if (!datadog) return undefined;
  for (const field of ['applicationId', 'clientToken'] as const) {
    const value = datadog[field];
    if (typeof value !== 'string' || value.trim() === '') {
      return reject(
        mode,
        logger,
        `Invalid datadog.${field} "${String(value)}": copy it from the RUM application's settings, or remove the datadog option.`,
      );
    }
  }
  return datadog;
}

function reject(mode: MonitorMode, logger: Logger, message: string): undefined {
  if (mode === 'development') throw new MonitorError(message);
  logger.warnOnce(`${message} The vendor is off.`);
  return undefined;
}

// Not the core's describeArgument(): its file also holds the event checks, which bundlers would
// then move into the start-up chunk, about 0.5 KB gzip (measured with esbuild and Vite).
function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 32)) : String(value);
}
