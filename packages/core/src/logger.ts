import { scrubError, scrubText } from './scrub';

const MAX_WARNED_MESSAGES = 1000;

/** Levels of the debug logger, from the most to the least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The SDK's own logger. It is silent unless the `debug` option is on. */
export interface Logger {
  readonly enabled: boolean;
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  /** Prints a misconfiguration warning once per message, even with `debug` off. */
  warnOnce(message: string, ...details: unknown[]): void;
}

/** Writer of log lines: `console`, unless a test passes its own. */
export type LogWriter = Pick<Console, LogLevel>;

export interface LoggerOptions {
  /** Prints debug, info, warn and error lines. Default: false. */
  enabled?: boolean;
  /** Default: `[4site-monitor]`. */
  prefix?: string;
  /** Default: the global `console`. */
  writer?: LogWriter;
}

/** Creates the debug logger that every package of the SDK logs through. */
export function createLogger(input: LoggerOptions = {}): Logger {
  const options = readOptions(input);
  const enabled = options.enabled === true;
  const prefix = typeof options.prefix === 'string' ? options.prefix : '[4site-monitor]';
  const warned = new Set<string>();
  const write = (level: LogLevel, message: string, details: unknown[]): void => {
    const writer = options.writer ?? globalThis.console;
    try {
      // Log lines usually end up in a log service, so they get the same scrubbing as vendors.
      writer?.[level](
        scrubText(`${prefix} ${message}`),
        ...details.map((item) => scrubError(item)),
      );
    } catch {
      // A broken console must not turn logging into an exception in the host app.
    }
  };
  const gated =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]) => {
      if (enabled) write(level, message, details);
    };

  return {
    enabled,
    debug: gated('debug'),
    info: gated('info'),
    warn: gated('warn'),
    error: gated('error'),
    warnOnce(message, ...details) {
      // Some messages quote a bad value, so the set stops growing at MAX_WARNED_MESSAGES; later
      // new messages still print, each time.
      if (warned.has(message)) return;
      if (warned.size < MAX_WARNED_MESSAGES) warned.add(message);
      write('warn', message, details);
    },
  };
}

// Copies the options once, so a getter that throws or a value of the wrong type falls back to
// the default instead of throwing from a log call later.
function readOptions(input: unknown): LoggerOptions {
  if (typeof input !== 'object' || input === null) return {};
  try {
    const { enabled, prefix, writer } = input as LoggerOptions;
    return {
      enabled,
      prefix,
      ...(typeof writer === 'object' && writer !== null ? { writer } : {}),
    };
  } catch {
    return {};
  }
}
