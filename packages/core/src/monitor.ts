import {
  contextNameProblem,
  contextProblem,
  describeArgument,
  sinkProblem,
  timeoutProblem,
  userProblem,
} from './arguments';
import { createDeduper, type DedupeOptions } from './dedupe';
import { MonitorError } from './errors';
import type { AnyEventDefinition, Catalog, EventName, EventProperties } from './event';
import { createLogger, type Logger } from './logger';
import { scrub } from './scrub';
import { createStats, type DropReason, type MonitorStats } from './stats';
import type { ConsentState, Monitor, MonitorUser, Sink } from './types';
import { type MonitorEvent, validateEvent } from './validate';

const DEFAULT_TIMEOUT_MILLIS = 2000;
// Time that the close phase always gets, even when the flush used the whole timeout.
const CLOSE_FLOOR_MILLIS = 100;
const CONSENT_STATES: readonly unknown[] = ['granted', 'denied', 'pending'];

/** `production` logs and counts bad input; `development` also throws it back to the caller. */
export type MonitorMode = 'production' | 'development';

export interface CoreMonitorOptions<C extends Catalog> {
  catalog: C;
  /** Logs what the SDK does through its debug logger. Default: false. */
  debug?: boolean;
  /** `production` or `development`; anything else throws a MonitorError. Default: `production`. */
  mode?: MonitorMode;
  /** Initial consent: `granted`, `denied` or `pending`; anything else throws. Default: `granted`. */
  consent?: ConsentState;
  sinks?: readonly Sink[];
  dedupe?: DedupeOptions;
  /** Clock in milliseconds since the Unix epoch, for tests. Default: `Date.now`. */
  now?: () => number;
  /** Replaces the logger that `debug` would create. */
  logger?: Logger;
}

/** Outcome of one tracked event. */
export type TrackOutcome = 'accepted' | DropReason;

/** The platform-independent monitor that the browser and Node packages build on. */
export interface CoreMonitor<C extends Catalog = Catalog> extends Monitor<C> {
  readonly catalog: C;
  readonly logger: Logger;
  readonly mode: MonitorMode;
  /** Adds a sink unless one with the same name is already there; returns whether it was added. */
  addSink(sink: Sink): boolean;
  /** Tracks an event from untrusted input, such as a beacon, and returns what happened to it. */
  record(name: string, properties: unknown): TrackOutcome;
  stats(): MonitorStats;
  readonly closed: boolean;
}

const MODES: readonly unknown[] = ['production', 'development'];

// Start-up options throw in both modes: a typo such as 'dev' would otherwise run the monitor in
// production mode, and consent 'yes' would drop every event without a word.
function modeOption(value: unknown): MonitorMode {
  if (value === undefined) return 'production';
  if (MODES.includes(value)) return value as MonitorMode;
  throw new MonitorError(`Invalid mode ${describeArgument(value)}: use production or development.`);
}

function consentOption(value: unknown): ConsentState {
  if (value === undefined) return 'granted';
  if (CONSENT_STATES.includes(value)) return value as ConsentState;
  throw new MonitorError(
    `Invalid consent ${describeArgument(value)}: use granted, denied or pending.`,
  );
}

/** Creates a monitor that validates events and fans them out to its sinks. */
export function createMonitor<C extends Catalog>(options: CoreMonitorOptions<C>): CoreMonitor<C> {
  const logger = options.logger ?? createLogger({ enabled: options.debug ?? false });
  const mode = modeOption(options.mode);
  const now = options.now ?? Date.now;
  const deduper = createDeduper(options.dedupe);
  const counters = createStats();
  const sinks: Sink[] = [];
  const scope = {
    user: null as MonitorUser | null,
    contexts: {} as Record<string, Record<string, unknown>>,
    consent: consentOption(options.consent),
  };
  let closed = false;

  const callSinks = (label: string, call: (sink: Sink) => void): void => {
    for (const sink of sinks) {
      try {
        call(sink);
      } catch (error) {
        counters.drop('sink_error');
        logger.error(`Sink "${sink.name}" failed in ${label}.`, error);
      }
    }
  };

  // The per-event path loops without a closure per call, unlike the rarer scope updates.
  const deliver = (event: MonitorEvent): void => {
    for (const sink of sinks) {
      try {
        sink.handleEvent?.(event, scope);
      } catch (error) {
        counters.drop('sink_error');
        logger.error(`Sink "${sink.name}" failed on event "${event.name}".`, error);
      }
    }
  };

  const drop = (reason: DropReason, message: string): TrackOutcome => {
    counters.drop(reason);
    logger.warn(message);
    if (mode === 'development' && (reason === 'invalid' || reason === 'unknown_event')) {
      throw new MonitorError(message);
    }
    return reason;
  };

  const record = (name: string, properties: unknown): TrackOutcome => {
    if (typeof name !== 'string') {
      return drop('unknown_event', `Invalid event name of type ${typeof name}: pass a string.`);
    }
    if (closed) return drop('closed', `Dropped "${name}": the monitor is closed.`);
    if (scope.consent !== 'granted')
      return drop('consent', `Dropped "${name}": consent is ${scope.consent}.`);
    const definition = Object.hasOwn(options.catalog, name) ? options.catalog[name] : undefined;
    if (!definition) {
      return drop(
        'unknown_event',
        `Unknown event "${String(name).slice(0, 64)}": add it to the catalog.`,
      );
    }
    const result = validateSafely(definition, properties, now());
    if (!result.ok) return drop('invalid', result.message);

    const key = definition.idempotencyKey;
    const keyValue = key ? result.event.properties[key] : undefined;
    // An event without its key value, which a schema may allow, is counted every time.
    const hasKey = typeof keyValue === 'string' || typeof keyValue === 'number';
    if (hasKey && deduper.seen(String(keyValue), result.event.timestamp, name)) {
      counters.drop('duplicate');
      logger.debug(`Counted "${name}" with ${key}=${String(keyValue)} once already.`);
      return 'duplicate';
    }
    counters.accept();
    deliver(result.event);
    return 'accepted';
  };

  let closing: Promise<boolean> | undefined;
  const closeSinks = async (timeout: number): Promise<boolean> => {
    // One deadline covers both phases, so a sink that hangs in both costs the timeout once.
    // The close phase keeps a short floor to release sockets and timers even after a slow flush.
    const deadline = Date.now() + timeout;
    const flushed = await settle('flush', timeout);
    closed = true;
    const left = Math.max(deadline - Date.now(), Math.min(timeout, CLOSE_FLOOR_MILLIS));
    return (await settle('close', left)) && flushed;
  };

  const settle = async (method: 'flush' | 'close', timeoutMillis: number): Promise<boolean> => {
    const results = await Promise.all(
      sinks.map((sink) =>
        withTimeout(sink[method]?.(timeoutMillis), timeoutMillis, logger, sink.name),
      ),
    );
    return results.every(Boolean);
  };

  // Runs a public call so that bad arguments, such as a getter that throws, never reach the app.
  const guard = (method: string, call: () => void): void => {
    try {
      call();
    } catch (error) {
      logger.error(`${method}() failed; the call was ignored.`, error);
    }
  };

  const validateSafely = (definition: AnyEventDefinition, input: unknown, timestamp: number) => {
    try {
      return validateEvent(definition, input, timestamp);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false as const,
        message: `Invalid "${definition.name}" event: reading it failed (${reason}).`,
      };
    }
  };

  // Throws the problem back in development mode; logs it and reports true in production mode.
  const rejectArgument = (method: string, problem: string | undefined): boolean => {
    if (problem === undefined) return false;
    const message = `${method}(): ${problem}`;
    if (mode === 'development') throw new MonitorError(message);
    logger.warnOnce(`${message} The call was ignored.`);
    return true;
  };

  const timeoutOf = (method: string, timeoutMillis: unknown): number => {
    if (rejectArgument(method, timeoutProblem(timeoutMillis))) return DEFAULT_TIMEOUT_MILLIS;
    return timeoutMillis as number;
  };

  const updateScope = (): void => callSinks('scope update', (sink) => sink.handleScope?.(scope));

  const monitor: CoreMonitor<C> = {
    catalog: options.catalog,
    logger,
    mode,
    get closed() {
      return closed;
    },
    addSink(sink) {
      if (rejectArgument('addSink', sinkProblem(sink))) return false;
      if (sinks.some((existing) => existing.name === sink.name)) {
        logger.warn(`Sink "${sink.name}" is already installed; ignored the second one.`);
        return false;
      }
      sinks.push(sink);
      return true;
    },
    record(name, properties) {
      try {
        return record(name, properties);
      } catch (error) {
        if (error instanceof MonitorError) throw error;
        counters.drop('sink_error');
        logger.error(`Tracking "${typeof name === 'string' ? name : typeof name}" failed.`, error);
        return 'sink_error';
      }
    },
    track<N extends EventName<C>>(name: N, properties: EventProperties<C, N>) {
      monitor.record(name, properties);
    },
    captureError(error, context = {}) {
      if (closed) return;
      if (rejectArgument('captureError', contextProblem(context, false))) return;
      guard('captureError', () => {
        const safeContext = scrub(context) as Record<string, unknown>;
        logger.debug('Captured an error.', error);
        callSinks('captureError', (sink) => sink.handleError?.(error, safeContext, scope));
      });
    },
    identify(user) {
      if (rejectArgument('identify', userProblem(user))) return;
      guard('identify', () => {
        scope.user = user
          ? { id: String(user.id), ...(user.plan ? { plan: String(user.plan) } : {}) }
          : null;
        updateScope();
      });
    },
    setContext(name, context) {
      const problem = contextNameProblem(name) ?? contextProblem(context, true);
      if (rejectArgument('setContext', problem)) return;
      guard('setContext', () => {
        if (context === null) delete scope.contexts[name];
        else scope.contexts[name] = scrub(context) as Record<string, unknown>;
        updateScope();
      });
    },
    setConsent(consent) {
      if (!CONSENT_STATES.includes(consent)) {
        const message = `Invalid consent ${describeArgument(consent)}: use granted, denied or pending.`;
        if (mode === 'development') throw new MonitorError(message);
        logger.warnOnce(`${message} The consent stays ${scope.consent}.`);
        return;
      }
      scope.consent = consent;
      guard('setConsent', updateScope);
    },
    stats: () => counters.snapshot(),
    async flush(timeoutMillis = DEFAULT_TIMEOUT_MILLIS) {
      const timeout = timeoutOf('flush', timeoutMillis);
      return closed ? true : settle('flush', timeout);
    },
    async close(timeoutMillis = DEFAULT_TIMEOUT_MILLIS) {
      const timeout = timeoutOf('close', timeoutMillis);
      // A call during a close in progress gets that close's outcome; a later call resolves true.
      if (closing) return closing;
      if (closed) return true;
      closing = closeSinks(timeout).finally(() => {
        closing = undefined;
      });
      return closing;
    },
  };
  for (const sink of options.sinks ?? []) monitor.addSink(sink);
  return monitor;
}

async function withTimeout(
  work: Promise<boolean> | undefined,
  timeoutMillis: number,
  logger: Logger,
  name: string,
): Promise<boolean> {
  if (!work) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMillis);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    logger.error(`Sink "${name}" failed to flush.`, error);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
