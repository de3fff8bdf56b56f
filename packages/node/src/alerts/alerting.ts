import { createKpiSink, fourSiteAlertRules, type KpiSink } from '@4site/monitor-business';
import {
  type AlertEvaluator,
  type AlertRule,
  type AlertTimers,
  createAlertEvaluator,
  type EscalationPolicies,
} from '@4site/monitor-core';
import type { NodeMonitor } from '../init';
import type { AlertChannel } from './channel';
import { type AlertNotifier, createAlertNotifier } from './notifier';
import { createRegistryReader } from './registry-reader';
import { createAlertsStateHandler } from './state-handler';

// Numbers the sinks that stop each alerting, because a monitor keeps one sink per name.
let alertingCount = 0;

export interface AlertingOptions {
  /** Rules to evaluate. Default: `fourSiteAlertRules({ prefix: monitor.prefix })`. */
  rules?: readonly AlertRule[];
  /** KPI sink that KPI rules read. Default: a new one-hour sink added to the monitor. */
  kpiSink?: KpiSink;
  /** Default: none, so alerts go to the monitor's log only. */
  channels?: readonly AlertChannel[];
  /** Default: every channel at once for every severity. */
  escalation?: EscalationPolicies;
  /** Labels that group alerts into one notification. Default: `['severity']`. */
  groupBy?: readonly string[];
  /** Default: 14400000 (4 h). */
  repeatIntervalMillis?: number;
  /** Time between evaluations in milliseconds, from 1000 to 3600000. Default: 30000. */
  intervalMillis?: number;
  /** Starts evaluating on the interval at once. Default: true. */
  start?: boolean;
  /** Clock in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
  /** Default: the global timers. */
  timers?: AlertTimers;
  /** Deliveries running at once across every channel, from 1 to 10000. Default: 100. */
  maxInFlight?: number;
}

/** The in-process alerting of a Node monitor. */
export interface Alerting {
  readonly evaluator: AlertEvaluator;
  readonly notifier: AlertNotifier;
  readonly rules: readonly AlertRule[];
  /** The `(req, res)` handler of `/monitor/alerts`. */
  readonly stateHandler: ReturnType<typeof createAlertsStateHandler>;
  /** Runs one evaluation (and its notifications) now. */
  evaluate(): Promise<void>;
  /** Stops evaluating on the interval; deliveries in flight go on. `monitor.close()` stops it too. */
  stop(): void;
  /**
   * Stops evaluating, drops new deliveries, waits up to `timeoutMillis` (default 2000) for those
   * in flight, then cancels the rest, each counted as failed. Resolves true when none had to be
   * cancelled. `monitor.close(timeoutMillis)` does the same within its own timeout.
   */
  close(timeoutMillis?: number): Promise<boolean>;
}

/**
 * Starts in-process alerting for a Node monitor: every `intervalMillis` it snapshots the monitor's
 * registry, evaluates the rules and sends notifications through the escalation policy. Throws a
 * MonitorError at start-up on an invalid rule, channel name or interval.
 */
export function createAlerting(monitor: NodeMonitor, options: AlertingOptions = {}): Alerting {
  const rules = options.rules ?? fourSiteAlertRules({ prefix: monitor.prefix });
  const kpiSink = options.kpiSink ?? createKpiSink(options.now ? { now: options.now } : {});
  monitor.addSink(kpiSink);
  const reader = createRegistryReader({
    registry: monitor.registry,
    rules,
    kpiSink,
    stepMillis: options.intervalMillis ?? 30_000,
  });
  const notifier = createAlertNotifier({
    channels: options.channels ?? [],
    ...(options.escalation ? { escalation: options.escalation } : {}),
    ...(options.groupBy ? { groupBy: options.groupBy } : {}),
    ...(options.repeatIntervalMillis ? { repeatIntervalMillis: options.repeatIntervalMillis } : {}),
    receiver: monitor.service,
    registry: monitor.registry,
    prefix: monitor.prefix,
    logger: monitor.logger,
    ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
  });
  const evaluator = createAlertEvaluator({
    rules,
    read: reader.read,
    beforeEvaluate: reader.sample,
    onEvaluated: notifier.update,
    logger: monitor.logger,
    ...(options.intervalMillis ? { intervalMillis: options.intervalMillis } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  if (options.start ?? true) evaluator.start();
  const close = (timeoutMillis = 2000) => {
    evaluator.stop();
    return notifier.close(timeoutMillis);
  };
  // Closing the monitor stops the interval too, so a closed monitor is not evaluated forever.
  // The monitor flushes its sinks, then closes them, each phase within its timeout: the flush
  // phase waits for deliveries, so the close phase cancels what still runs without waiting again.
  monitor.addSink({
    name: `alerting-${++alertingCount}`,
    flush: (timeoutMillis) => notifier.flush(timeoutMillis),
    close: () => close(0),
  });
  return {
    evaluator,
    notifier,
    rules,
    stateHandler: createAlertsStateHandler(evaluator),
    evaluate: async () => {
      await evaluator.evaluate();
    },
    stop: () => evaluator.stop(),
    close,
  };
}
