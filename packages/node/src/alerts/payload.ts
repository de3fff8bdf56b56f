import { createHash } from 'node:crypto';
import type { AlertState } from '@4site/monitor-core';

/** One alert in the Alertmanager webhook format (version 4). */
export interface WebhookAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339 time. */
  readonly startsAt: string;
  /** RFC 3339 time; `0001-01-01T00:00:00Z` while firing, as Alertmanager writes it. */
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/** A notification in the JSON that Alertmanager's webhook receiver sends (version 4). */
export interface AlertNotification {
  readonly version: '4';
  readonly groupKey: string;
  readonly truncatedAlerts: number;
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly WebhookAlert[];
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Returns a stable id of a label set: the first 16 hex digits of a SHA-256 of the sorted labels. */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/** Converts an evaluator state to a webhook alert; `resolved` uses the time it stopped firing. */
export function toWebhookAlert(alert: AlertState, status: 'firing' | 'resolved'): WebhookAlert {
  const startsAt = alert.firingSince ?? alert.activeAt ?? alert.lastEvaluatedAt ?? 0;
  const endsAt = status === 'resolved' ? (alert.resolvedAt ?? alert.lastEvaluatedAt ?? 0) : null;
  const annotations =
    alert.value === null ? alert.annotations : { ...alert.annotations, value: String(alert.value) };
  return {
    status,
    labels: alert.labels,
    annotations,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: endsAt === null ? ZERO_TIME : new Date(endsAt).toISOString(),
    generatorURL: '',
    fingerprint: fingerprint(alert.labels),
  };
}

function common(records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = records;
  const shared: Record<string, string> = {};
  for (const [key, value] of Object.entries(first ?? {})) {
    if (rest.every((record) => record[key] === value)) shared[key] = value;
  }
  return shared;
}

/** Builds a notification for one group of alerts, firing unless every alert is resolved. */
export function buildNotification(
  receiver: string,
  groupLabels: Readonly<Record<string, string>>,
  alerts: readonly WebhookAlert[],
): AlertNotification {
  return {
    version: '4',
    groupKey: `{}:${JSON.stringify(groupLabels)}`,
    truncatedAlerts: 0,
    status: alerts.every((alert) => alert.status === 'resolved') ? 'resolved' : 'firing',
    receiver,
    groupLabels,
    commonLabels: common(alerts.map((alert) => alert.labels)),
    commonAnnotations: common(alerts.map((alert) => alert.annotations)),
    externalURL: '',
    alerts,
  };
}
