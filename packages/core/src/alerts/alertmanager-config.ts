import { MonitorError } from '../errors';
import { checkAlertmanagerOptions } from './alertmanager-check';
import { formatDuration } from './duration';
import { ALERT_SEVERITIES, type AlertSeverity } from './rule';
import type { YamlObject } from './yaml';

/** A notification channel as Alertmanager sends to it. URLs and keys are written as given. */
export type AlertmanagerChannel =
  | { readonly kind: 'webhook'; readonly name: string; readonly url: string }
  | {
      readonly kind: 'slack';
      readonly name: string;
      readonly webhookUrl: string;
      readonly channel?: string;
    }
  | {
      readonly kind: 'pagerduty';
      readonly name: string;
      readonly routingKey: string;
      readonly url?: string;
    }
  | {
      readonly kind: 'email';
      readonly name: string;
      readonly to: string;
      readonly from: string;
      /** `host:port` of the SMTP server. */
      readonly smarthost: string;
      /** Default: true, as in Alertmanager. */
      readonly requireTls?: boolean;
    };

/** One rung of an escalation ladder: these channels get the alert once it fired this long ago. */
export interface EscalationStep {
  /** Delay after the alert starts firing, in milliseconds; 0 for the first rung. */
  readonly afterMillis: number;
  /** Names of channels. */
  readonly channels: readonly string[];
}

/** Escalation ladders per severity. A severity without a ladder goes to no channel. */
export type EscalationPolicies = Partial<Record<AlertSeverity, readonly EscalationStep[]>>;

export interface AlertmanagerConfigOptions {
  channels: readonly AlertmanagerChannel[];
  escalation: EscalationPolicies;
  /** Labels that group alerts into one notification. Default: `['alertname']`. */
  groupBy?: readonly string[];
  /** Wait before the first notification of a group, in milliseconds. Default: 30000. */
  groupWaitMillis?: number;
  /** Wait before notifying of changes in a group, in milliseconds. Default: 300000. */
  groupIntervalMillis?: number;
  /** Wait before repeating a notification that did not change, in milliseconds. Default: 14400000. */
  repeatIntervalMillis?: number;
}

/**
 * Builds an Alertmanager configuration (0.25) with one route per severity and rung. Alertmanager
 * has no timed escalation, so a later rung is a route that continues from the first one with a
 * `group_wait` equal to its delay: it notifies only if the group is still firing then.
 */
export function alertmanagerConfig(options: AlertmanagerConfigOptions): YamlObject {
  checkAlertmanagerOptions(options);
  const channels = new Map(options.channels.map((channel) => [channel.name, channel]));
  const groupWait = options.groupWaitMillis ?? 30_000;
  const receivers: YamlObject[] = [{ name: 'blackhole' }];
  const routes: YamlObject[] = [];
  for (const severity of ALERT_SEVERITIES) {
    const ladder = options.escalation[severity] ?? [];
    ladder.forEach((step, index) => {
      const name = `${severity}-step-${index}`;
      receivers.push(receiverOf(name, step.channels, channels));
      routes.push({
        receiver: name,
        matchers: [`severity="${severity}"`],
        group_wait: formatDuration(Math.max(step.afterMillis, groupWait)),
        continue: index < ladder.length - 1,
      });
    });
  }
  return {
    route: {
      receiver: 'blackhole',
      group_by: [...(options.groupBy ?? ['alertname'])],
      group_wait: formatDuration(groupWait),
      group_interval: formatDuration(options.groupIntervalMillis ?? 300_000),
      repeat_interval: formatDuration(options.repeatIntervalMillis ?? 14_400_000),
      routes,
    },
    receivers,
  };
}

function receiverOf(
  name: string,
  names: readonly string[],
  channels: ReadonlyMap<string, AlertmanagerChannel>,
): YamlObject {
  const configs: Record<string, YamlObject[]> = {};
  for (const channelName of names) {
    const channel = channels.get(channelName);
    if (!channel) {
      throw new MonitorError(
        `Escalation step "${name}" names channel "${channelName}", which is not in channels: add it or fix the name.`,
      );
    }
    const [key, config] = channelConfig(channel);
    configs[key] = [...(configs[key] ?? []), config];
  }
  return { name, ...configs };
}

function channelConfig(channel: AlertmanagerChannel): [string, YamlObject] {
  switch (channel.kind) {
    case 'webhook':
      return ['webhook_configs', { url: channel.url, send_resolved: true }];
    case 'slack':
      return [
        'slack_configs',
        { api_url: channel.webhookUrl, channel: channel.channel, send_resolved: true },
      ];
    case 'pagerduty':
      return [
        'pagerduty_configs',
        { routing_key: channel.routingKey, url: channel.url, send_resolved: true },
      ];
    case 'email':
      return [
        'email_configs',
        {
          to: channel.to,
          from: channel.from,
          smarthost: channel.smarthost,
          require_tls: channel.requireTls ?? true,
          send_resolved: true,
        },
      ];
  }
}
