import {
  type AlertState,
  createLogger,
  type EscalationPolicies,
  type EvaluationResult,
  type Logger,
  MonitorError,
} from '@4site/monitor-core';
import { Counter, type Registry } from 'prom-client';
import { ensureMetric } from '../prometheus/ensure-metric';
import type { AlertChannel } from './channel';
import { checkMaxInFlight, createDeliveryGate, type DeliveryStats } from './delivery-gate';
import { buildNotification, toWebhookAlert, type WebhookAlert } from './payload';

export interface AlertNotifierOptions {
  channels: readonly AlertChannel[];
  /**
   * Escalation ladder per severity: the channels of each step and its delay. Default: every
   * channel at once for every severity.
   */
  escalation?: EscalationPolicies;
  /** Labels that group alerts into one notification per channel. Default: `['severity']`. */
  groupBy?: readonly string[];
  /** Time before a still-firing alert is sent again to the channels it reached, in ms. Default: 14400000 (4 h). */
  repeatIntervalMillis?: number;
  /** `receiver` field of notifications. Default: `4site-monitor`. */
  receiver?: string;
  /** Registry of `<prefix>_alert_notifications_failed_total{channel}`. Default: none. */
  registry?: Registry;
  /** Default: `foursite`. */
  prefix?: string;
  /** Default: a silent logger. */
  logger?: Logger;
  /**
   * Deliveries running at once across every channel, retries and waits included, from 1 to
   * 10000. Default: 100. A delivery over the cap is dropped, counted as failed for its channel,
   * and escalates like any failure.
   */
  maxInFlight?: number;
}

interface Entry {
  /** Highest escalation step that was sent. */
  reached: number;
  /** A failed step moves the alert on to the next one at once. */
  forced: number;
  lastSentAt: number;
  readonly notified: Set<string>;
}

type Outbox = Map<string, Map<string, { labels: Record<string, string>; alerts: WebhookAlert[] }>>;

/**
 * Creates the notifier that turns evaluations into notifications: escalation steps by severity,
 * grouping, a repeat interval, resolve notifications to every channel that saw the alert, and
 * escalation past a step whose channels all failed. It never rejects.
 */
export function createAlertNotifier(options: AlertNotifierOptions) {
  const channels = new Map(options.channels.map((channel) => [channel.name, channel]));
  const escalation = options.escalation ?? everyChannelAtOnce([...channels.keys()]);
  checkEscalation(escalation, channels);
  const logger = options.logger ?? createLogger();
  const groupBy = options.groupBy ?? ['severity'];
  const repeat = options.repeatIntervalMillis ?? 14_400_000;
  const receiver = options.receiver ?? '4site-monitor';
  const failures =
    options.registry && failureCounter(options.registry, options.prefix ?? 'foursite');
  const gate = createDeliveryGate({
    maxInFlight: checkMaxInFlight(options.maxInFlight),
    failures,
    logger,
  });
  const entries = new Map<string, Entry>();

  const add = (outbox: Outbox, channel: string, alert: WebhookAlert) => {
    const labels = Object.fromEntries(groupBy.map((name) => [name, alert.labels[name] ?? '']));
    const key = JSON.stringify(labels);
    const groups = outbox.get(channel) ?? new Map();
    const group = groups.get(key) ?? { labels, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
    outbox.set(channel, groups);
  };

  /** Sends every group; returns the channels that failed. */
  const flush = async (outbox: Outbox): Promise<Set<string>> => {
    const failed = new Set<string>();
    const sends = [...outbox].flatMap(([name, groups]) =>
      [...groups.values()].map(async (group) => {
        const notification = buildNotification(receiver, group.labels, group.alerts);
        if (!(await gate.run(channels.get(name) as AlertChannel, notification))) failed.add(name);
      }),
    );
    await Promise.all(sends);
    return failed;
  };

  /** Adds the due steps of a firing alert to the outbox; returns the step indexes it added. */
  const queueFiring = (alert: AlertState, at: number, outbox: Outbox): number[] => {
    const ladder = escalation[alert.severity] ?? [];
    const entry = entries.get(alert.name) ?? {
      reached: -1,
      forced: -1,
      lastSentAt: at,
      notified: new Set(),
    };
    entries.set(alert.name, entry);
    const elapsed = at - (alert.firingSince ?? at);
    const webhook = toWebhookAlert(alert, 'firing');
    const added: number[] = [];
    const repeatDue = entry.reached >= 0 && at - entry.lastSentAt >= repeat;
    for (let index = 0; index < ladder.length; index += 1) {
      const step = ladder[index] as (typeof ladder)[number];
      const newlyDue =
        index > entry.reached && (index <= entry.forced || elapsed >= step.afterMillis);
      if (!newlyDue && !(repeatDue && index <= entry.reached)) continue;
      if (newlyDue) {
        entry.reached = index;
        added.push(index);
      }
      for (const channel of step.channels) add(outbox, channel, webhook);
      entry.lastSentAt = at;
    }
    return added;
  };

  const sendFiring = async (alerts: readonly AlertState[], at: number) => {
    // Each pass sends the steps that became due; a pass repeats when a step failed entirely.
    for (let pass = 0; pass < 10; pass += 1) {
      const outbox: Outbox = new Map();
      const added = new Map<string, number[]>();
      for (const alert of alerts) added.set(alert.name, queueFiring(alert, at, outbox));
      if (outbox.size === 0) return;
      const failed = await flush(outbox);
      let escalated = false;
      for (const alert of alerts) {
        const entry = entries.get(alert.name) as Entry;
        const ladder = escalation[alert.severity] ?? [];
        for (const index of added.get(alert.name) ?? []) {
          const stepChannels = ladder[index]?.channels ?? [];
          for (const channel of stepChannels) if (!failed.has(channel)) entry.notified.add(channel);
          if (!stepChannels.every((channel) => failed.has(channel))) continue;
          if (index + 1 < ladder.length) {
            entry.forced = Math.max(entry.forced, index + 1);
            escalated = true;
          } else {
            // The last step has nowhere to escalate, so it is due again at the next evaluation.
            entry.reached = Math.min(entry.reached, index - 1);
          }
        }
      }
      if (!escalated) return;
    }
  };

  const sendResolved = async (alerts: readonly AlertState[]) => {
    const outbox: Outbox = new Map();
    for (const alert of alerts) {
      const entry = entries.get(alert.name);
      entries.delete(alert.name);
      if (!entry) continue;
      for (const channel of entry.notified) add(outbox, channel, toWebhookAlert(alert, 'resolved'));
    }
    if (outbox.size > 0) await flush(outbox);
  };

  return {
    /** Sends what an evaluation made due. Pass it as the evaluator's `onEvaluated`. */
    async update(result: EvaluationResult): Promise<void> {
      try {
        const firing = result.alerts.filter(
          (alert) => alert.status === 'firing' && !alert.silencedBy,
        );
        for (const alert of firing.filter((alert) => !entries.has(alert.name))) {
          logger.warn(
            `Alert ${alert.name} (${alert.severity}) is firing: ${alert.annotations.summary}`,
          );
        }
        const resolved = result.alerts.filter(
          (alert) => alert.status !== 'firing' && entries.has(alert.name),
        );
        await Promise.all([sendFiring(firing, result.at), sendResolved(resolved)]);
      } catch (error) {
        logger.error('The alert notifier failed.', error);
      }
    },
    /** Waits up to `timeoutMillis` for the deliveries in flight; resolves false if some still run. */
    flush: (timeoutMillis: number): Promise<boolean> => gate.flush(timeoutMillis),
    /**
     * Drops new deliveries, waits up to `timeoutMillis` for those in flight, then cancels the rest
     * (each counted as failed). Resolves true when none had to be cancelled. Never rejects.
     */
    close: (timeoutMillis: number): Promise<boolean> => gate.close(timeoutMillis),
    /** Counts of deliveries in flight, dropped and failed since the notifier started. */
    stats: (): DeliveryStats => gate.stats(),
  };
}

export type AlertNotifier = ReturnType<typeof createAlertNotifier>;

function everyChannelAtOnce(names: string[]): EscalationPolicies {
  const ladder = [{ afterMillis: 0, channels: names }];
  return { critical: ladder, warning: ladder, info: ladder };
}

function checkEscalation(
  escalation: EscalationPolicies,
  channels: ReadonlyMap<string, AlertChannel>,
): void {
  for (const [severity, ladder] of Object.entries(escalation)) {
    for (const step of ladder ?? []) {
      for (const name of step.channels) {
        if (!channels.has(name)) {
          throw new MonitorError(
            `Escalation for ${severity} names channel "${name}", which is not configured: add a channel with that name or fix the name.`,
          );
        }
      }
    }
  }
}

function failureCounter(registry: Registry, prefix: string) {
  const name = `${prefix}_alert_notifications_failed_total`;
  return ensureMetric(
    registry,
    name,
    () =>
      new Counter({
        name,
        help: 'Alert notifications that failed after their retries, by channel.',
        labelNames: ['channel'],
        registers: [],
      }),
  );
}
