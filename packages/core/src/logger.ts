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
export function createLogger(options: LoggerOptions = {}): Logger {
  const enabled = options.enabled ?? false;
  const prefix = options.prefix ?? '[4site-monitor]';
  const warned = new Set<string>();
  const write = (level: LogLevel, message: string, details: unknown[]): void => {
    const writer = options.writer ?? globalThis.console;
    try {
      writer?.[level](`${prefix} ${message}`, ...details);
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
      // The set is bounded by the number of distinct messages in the SDK's source.
      if (warned.has(message)) return;
      warned.add(message);
      write('warn', message, details);
    },
  };
}
