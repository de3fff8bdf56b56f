import type { AlertChannel } from './channel';
import { checkUrl, type DeliveryOptions, postJson, resolveDelivery } from './deliver';

export interface WebhookChannelOptions extends DeliveryOptions {
  /** Default: `webhook`. */
  name?: string;
  /** URL that receives the Alertmanager webhook JSON by POST. */
  url: string;
}

/** Creates a channel that posts the Alertmanager webhook JSON (version 4) to `url`. */
export function webhookChannel(options: WebhookChannelOptions): AlertChannel {
  const name = options.name ?? 'webhook';
  const delivery = resolveDelivery(options, name);
  const url = checkUrl(options.url, `url of webhook channel ${name}`);
  return {
    name,
    kind: 'webhook',
    send: (notification, signal) =>
      postJson(url, notification, delivery, `webhook ${name}`, signal),
  };
}
