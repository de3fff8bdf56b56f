import { MonitorError } from '../errors';
import { createLogger, type Logger } from '../logger';
import {
  type AlertRule,
  type AlertSeverity,
  type AlertSource,
  checkAlertRules,
  compare,
} from './rule';
import { createSilences, type Silence, type SilenceInput } from './silences';

/** Status of an alert. It is `pending` while the condition is true for less than `for`. */
export type AlertStatus = 'inactive' | 'pending' | 'firing';

/** The state of one rule's alert after the last evaluation. Times are ms since the Unix epoch. */
export interface AlertState {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  /** Value of the source at the last evaluation; null when there was no data. */
  readonly value: number | null;
  /** `alertname`, `severity` and the rule's own labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** `summary`, `response` and, when set, `runbook_url`. */
  readonly annotations: Readonly<Record<string, string>>;
  /** When the condition started to hold; null while inactive. */
  readonly activeAt: number | null;
  /** When the alert started firing; null unless firing. */
  readonly firingSince: number | null;
  /** When the alert last stopped firing; null if it never fired. */
  readonly resolvedAt: number | null;
  readonly lastEvaluatedAt: number | null;
  /** Id of the silence that mutes the alert, or null. */
  readonly silencedBy: string | null;
}

/** A change of status at one evaluation. */
export interface AlertTransition {
  readonly from: AlertStatus;
  readonly to: AlertStatus;
  readonly alert: AlertState;
}

/** Outcome of one evaluation. */
export interface EvaluationResult {
  readonly at: number;
  readonly transitions: readonly AlertTransition[];
  readonly alerts: readonly AlertState[];
}

/** Reads the current value of a source; null (or undefined) means no data, so no alert. */
export type AlertValueReader = (
  source: AlertSource,
  at: number,
) => number | null | undefined | Promise<number | null | undefined>;

/** Timer functions, injectable so tests drive the evaluator step by step. */
export interface AlertTimers {
  setInterval(callback: () => void, millis: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AlertEvaluatorOptions {
  rules: readonly AlertRule[];
  read: AlertValueReader;
  /** Time between evaluations in milliseconds, from 1000 to 3600000. Default: 30000. */
  intervalMillis?: number;
  /** Clock in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
  /** Default: the global `setInterval` and `clearInterval`. */
  timers?: AlertTimers;
  /** Called before each evaluation, such as to snapshot a registry. Errors it throws are logged. */
  beforeEvaluate?: (at: number) => void | Promise<void>;
  /** Called after each evaluation with its changes of status and every alert's state. */
  onEvaluated?: (result: EvaluationResult) => void | Promise<void>;
  /** Default: a silent logger. */
  logger?: Logger;
}

/** The JSON document of `/monitor/alerts`. */
export interface AlertsSnapshot {
  readonly evaluatedAt: number | null;
  readonly intervalMillis: number;
  readonly alerts: readonly AlertState[];
  readonly silences: readonly Silence[];
}

export interface AlertEvaluator {
  /** Evaluates every rule once at `now()` and returns the changes of status. Never rejects. */
  evaluate(): Promise<readonly AlertTransition[]>;
  /** Evaluates on the interval until `stop()`. A second call does nothing. */
  start(): void;
  stop(): void;
  alerts(): readonly AlertState[];
  toJSON(): AlertsSnapshot;
  /** Adds a silence and returns its id. Throws a MonitorError on invalid matchers. */
  addSilence(silence: SilenceInput): string;
  removeSilence(id: string): boolean;
  silences(): readonly Silence[];
}

interface RuleState {
  status: AlertStatus;
  value: number | null;
  activeAt: number | null;
  firingSince: number | null;
  keepFiringSince: number | null;
  resolvedAt: number | null;
  lastEvaluatedAt: number | null;
}

/**
 * Creates an evaluator with Prometheus semantics: inactive -> pending when the condition holds,
 * pending -> firing once it held for `forMillis`, firing -> inactive (resolved) when it clears
 * and `keepFiringForMillis` has passed since it first cleared.
 */
export function createAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const rules = checkAlertRules(options.rules);
  const intervalMillis = checkInterval(options.intervalMillis ?? 30_000);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger();
  const timers = options.timers ?? defaultTimers;
  const silences = createSilences(now);
  const states = new Map<string, RuleState>(rules.map((rule) => [rule.name, initialState()]));
  let evaluatedAt: number | null = null;
  let handle: unknown;
  let running = false;

  const view = (rule: AlertRule): AlertState =>
    toView(rule, states.get(rule.name) as RuleState, silences);

  const evaluate = async (): Promise<readonly AlertTransition[]> => {
    const at = now();
    await callSafely(() => options.beforeEvaluate?.(at), 'beforeEvaluate', logger);
    const values = await Promise.all(
      rules.map((rule) => readSafely(options.read, rule, at, logger)),
    );
    const transitions: AlertTransition[] = [];
    rules.forEach((rule, index) => {
      const value = values[index];
      if (value === undefined) return;
      const state = states.get(rule.name) as RuleState;
      const from = state.status;
      step(rule, state, value, at);
      if (state.status !== from) transitions.push({ from, to: state.status, alert: view(rule) });
    });
    evaluatedAt = at;
    const result = { at, transitions, alerts: rules.map(view) };
    await callSafely(() => options.onEvaluated?.(result), 'onEvaluated', logger);
    return transitions;
  };

  const tick = () => {
    if (running) return;
    running = true;
    evaluate().finally(() => {
      running = false;
    });
  };

  return {
    evaluate,
    start() {
      if (handle === undefined) handle = timers.setInterval(tick, intervalMillis);
    },
    stop() {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
    },
    alerts: () => rules.map(view),
    toJSON: () => ({
      evaluatedAt,
      intervalMillis,
      alerts: rules.map(view),
      silences: silences.list(),
    }),
    addSilence: (silence) => silences.add(silence),
    removeSilence: (id) => silences.remove(id),
    silences: () => silences.list(),
  };
}

/** Advances one rule's state by one evaluation; `value` null means no data. */
function step(rule: AlertRule, state: RuleState, value: number | null, at: number): void {
  state.value = value;
  state.lastEvaluatedAt = at;
  const holds = value !== null && compare(value, rule.comparison, rule.threshold);
  if (holds) {
    state.keepFiringSince = null;
    if (state.status === 'inactive') {
      state.status = 'pending';
      state.activeAt = at;
    }
    if (state.status === 'pending' && at - (state.activeAt as number) >= (rule.forMillis ?? 0)) {
      state.status = 'firing';
      state.firingSince = at;
    }
    return;
  }
  if (state.status === 'firing' && (rule.keepFiringForMillis ?? 0) > 0) {
    state.keepFiringSince ??= at;
    if (at - state.keepFiringSince < (rule.keepFiringForMillis as number)) return;
  }
  if (state.status === 'firing') state.resolvedAt = at;
  state.status = 'inactive';
  state.activeAt = null;
  state.firingSince = null;
  state.keepFiringSince = null;
}

async function readSafely(
  read: AlertValueReader,
  rule: AlertRule,
  at: number,
  logger: Logger,
): Promise<number | null | undefined> {
  try {
    const value = await read(rule.source, at);
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch (error) {
    // A failed read keeps the previous state: no data is not the same as a cleared condition.
    logger.warn(
      `Reading the value of alert rule ${rule.name} failed; its state is unchanged.`,
      error,
    );
    return undefined;
  }
}

async function callSafely(
  callback: () => void | Promise<void>,
  label: string,
  logger: Logger,
): Promise<void> {
  try {
    await callback();
  } catch (error) {
    logger.error(`The alert evaluator's ${label} callback failed.`, error);
  }
}

function toView(
  rule: AlertRule,
  state: RuleState,
  silences: ReturnType<typeof createSilences>,
): AlertState {
  const labels = { ...rule.labels, alertname: rule.name, severity: rule.severity };
  const annotations: Record<string, string> = { summary: rule.summary, response: rule.response };
  if (rule.runbookUrl) annotations.runbook_url = rule.runbookUrl;
  const { keepFiringSince: _keep, ...times } = state;
  const silencedBy = state.status === 'inactive' ? null : (silences.match(labels) ?? null);
  return { name: rule.name, severity: rule.severity, labels, annotations, ...times, silencedBy };
}

const initialState = (): RuleState => ({
  status: 'inactive',
  value: null,
  activeAt: null,
  firingSince: null,
  keepFiringSince: null,
  resolvedAt: null,
  lastEvaluatedAt: null,
});

function checkInterval(millis: number): number {
  if (!Number.isFinite(millis) || millis < 1000 || millis > 3_600_000) {
    throw new MonitorError(
      `Invalid intervalMillis ${millis}: use 1000 to 3600000 milliseconds, such as 30000.`,
    );
  }
  return millis;
}

const defaultTimers: AlertTimers = {
  setInterval(callback, millis) {
    const handle = globalThis.setInterval(callback, millis) as unknown as { unref?: () => void };
    // The evaluator must not keep a Node process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearInterval: (handle) => globalThis.clearInterval(handle as number),
};
