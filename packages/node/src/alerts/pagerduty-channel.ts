import { MonitorError } from '@4site/monitor-core';
import type { AlertChannel } from './channel';
import { checkUrl, type DeliveryOptions, postJson, resolveDelivery } from './deliver';
import type { AlertNotification, WebhookAlert } from './payload';

export interface PagerDutyChannelOptions extends DeliveryOptions {
  /** Default: `pagerduty`. */
  name?: string;
  /** Integration (routing) key of a PagerDuty service, 32 characters. It is never logged. */
  routingKey: string;
  /** Events API v2 endpoint. Default: `https://events.pagerduty.com/v2/enqueue`. */
  url?: string;
  /** `payload.source` of each event, such as the service name. Default: `4site-monitor`. */
  source?: string;
}

/** PagerDuty rejects a `payload.summary` longer than 1024 characters. */
const MAX_SUMMARY_CHARS = 1024;

const SEVERITIES: Record<string, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
};

/** Returns the dedup key of an alert: stable across notifications, so resolve closes the trigger. */
export const pagerDutyDedupKey = (alert: WebhookAlert) => `4site-${alert.fingerprint}`;

/** Builds one Events API v2 event for an alert: `trigger` while firing, `resolve` after. */
export function pagerDutyEvent(alert: WebhookAlert, routingKey: string, source: string) {
  const dedupKey = pagerDutyDedupKey(alert);
  if (alert.status === 'resolved') {
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  }
  const { alertname = 'alert', severity = 'warning' } = alert.labels;
  const summary = `${alertname}: ${alert.annotations.summary ?? ''}`.slice(0, MAX_SUMMARY_CHARS);
  const runbook = alert.annotations.runbook_url;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary,
      source,
      severity: SEVERITIES[severity] ?? 'warning',
      timestamp: alert.startsAt,
      custom_details: { labels: alert.labels, annotations: alert.annotations },
    },
    ...(runbook ? { links: [{ href: runbook, text: 'Runbook' }] } : {}),
  };
}

/** Creates a channel that sends one PagerDuty Events API v2 event per alert. */
export function pagerDutyChannel(options: PagerDutyChannelOptions): AlertChannel {
  const name = options.name ?? 'pagerduty';
  const delivery = resolveDelivery(options, name);
  const url = checkUrl(options.url ?? 'https://events.pagerduty.com/v2/enqueue', `url of ${name}`);
  if (!options.routingKey || options.routingKey.length > 64) {
    throw new MonitorError(
      `Invalid routingKey of PagerDuty channel ${name}: use the service's 32-character integration key.`,
    );
  }
  const source = options.source ?? '4site-monitor';
  return {
    name,
    kind: 'pagerduty',
    async send(notification: AlertNotification, signal?: AbortSignal) {
      for (const alert of notification.alerts) {
        const event = pagerDutyEvent(alert, options.routingKey, source);
        await postJson(url, event, delivery, `PagerDuty channel ${name}`, signal);
      }
    },
  };
}
