import type { AlertChannel } from './channel';
import { checkUrl, type DeliveryOptions, postJson, resolveDelivery } from './deliver';
import type { AlertNotification, WebhookAlert } from './payload';

export interface SlackChannelOptions extends DeliveryOptions {
  /** Default: `slack`. */
  name?: string;
  /** The Slack incoming webhook URL. It is a secret: it is never logged. */
  webhookUrl: string;
}

/** Slack's documented limits: 50 blocks per message, 150 characters of header text, 3000 of section text. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_HEADER_CHARS = 150;
export const SLACK_MAX_SECTION_CHARS = 3000;
/** Fallback `text` is kept short; Slack truncates message text at 40000 characters. */
const MAX_FALLBACK_CHARS = 3000;
/**
 * Budget for the text of all blocks together. Slack rejects a message as `msg_blocks_too_long`
 * from about 13000 characters of block text, well below the documented 40000. Users reported
 * this undocumented limit in https://github.com/slackapi/bolt-js/issues/2509.
 */
export const SLACK_MAX_BLOCK_TEXT_CHARS = 12_000;

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

// Slack mrkdwn treats &, < and > as control characters.
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function alertText(alert: WebhookAlert): string {
  const { alertname = 'alert', severity = '' } = alert.labels;
  const { summary = '', response = '', value, runbook_url: runbook } = alert.annotations;
  const lines = [
    `*${escapeMrkdwn(alertname)}* (${escapeMrkdwn(severity)}, ${alert.status}): ${escapeMrkdwn(summary)}`,
  ];
  if (response) lines.push(`Response: ${escapeMrkdwn(response)}`);
  if (value !== undefined) lines.push(`Value: ${escapeMrkdwn(value)}`);
  if (runbook) lines.push(`<${runbook}|Runbook>`);
  return clip(lines.join('\n'), SLACK_MAX_SECTION_CHARS);
}

/**
 * Builds a Slack Block Kit message for a notification: a header, one section per alert and, when
 * the alerts outnumber the block limit, a closing context block that counts the rest.
 */
export function slackMessage(notification: AlertNotification): Record<string, unknown> {
  const { alerts, status } = notification;
  const title = `[${status.toUpperCase()}:${alerts.length}] ${Object.values(notification.groupLabels).join(' ') || 'alerts'}`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, SLACK_MAX_HEADER_CHARS) } },
  ];
  // One block is kept for the header and one for the count of alerts left out.
  const room = SLACK_MAX_BLOCKS - 2;
  let budget = SLACK_MAX_BLOCK_TEXT_CHARS - title.length - 100;
  let shown = 0;
  for (const alert of alerts.slice(0, room)) {
    const text = alertText(alert);
    if (text.length > budget) break;
    budget -= text.length;
    shown += 1;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  if (alerts.length > shown) {
    const text = `…and ${alerts.length - shown} more alerts.`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  const names = alerts.map((alert) => alert.labels.alertname ?? 'alert').join(', ');
  return { text: clip(`${title}: ${names}`, MAX_FALLBACK_CHARS), blocks };
}

/** Creates a channel that posts Block Kit messages to a Slack incoming webhook. */
export function slackChannel(options: SlackChannelOptions): AlertChannel {
  const name = options.name ?? 'slack';
  const delivery = resolveDelivery(options, name);
  const url = checkUrl(options.webhookUrl, `webhookUrl of Slack channel ${name}`);
  return {
    name,
    kind: 'slack',
    send: (notification, signal) =>
      postJson(url, slackMessage(notification), delivery, `Slack channel ${name}`, signal),
  };
}
