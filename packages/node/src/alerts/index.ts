export { type Alerting, type AlertingOptions, createAlerting } from './alerting';
export type { AlertChannel } from './channel';
export { DeliveryError, type DeliveryOptions } from './deliver';
export { DEFAULT_MAX_IN_FLIGHT, type DeliveryStats } from './delivery-gate';
export { type EmailChannelOptions, emailChannel } from './email-channel';
export { type AlertNotifier, type AlertNotifierOptions, createAlertNotifier } from './notifier';
export {
  type PagerDutyChannelOptions,
  pagerDutyChannel,
  pagerDutyDedupKey,
} from './pagerduty-channel';
export type { AlertNotification, WebhookAlert } from './payload';
export {
  type AlertmanagerReceiverOptions,
  createAlertmanagerReceiver,
  notificationKey,
} from './receiver';
export { createRegistryReader, type RegistryReaderOptions } from './registry-reader';
export { type SlackChannelOptions, slackChannel, slackMessage } from './slack-channel';
export { createAlertsStateHandler } from './state-handler';
export { type WebhookChannelOptions, webhookChannel } from './webhook-channel';
