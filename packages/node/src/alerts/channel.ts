import type { AlertNotification } from './payload';

/** A place that alert notifications go to. */
export interface AlertChannel {
  /** Unique name, used by escalation policies and as the `channel` label of failure counts. */
  readonly name: string;
  readonly kind: 'email' | 'slack' | 'pagerduty' | 'webhook' | 'custom';
  /**
   * Sends one notification, with retries; rejects with a DeliveryError when it gave up. The
   * notifier aborts `signal` when it closes: the channel should then stop its attempt and waits.
   */
  send(notification: AlertNotification, signal?: AbortSignal): Promise<void>;
}
