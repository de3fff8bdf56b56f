import { setMaxListeners } from 'node:events';
import { type Logger, MonitorError } from '@4site/monitor-core';
import type { Counter } from 'prom-client';
import type { AlertChannel } from './channel';
import type { AlertNotification } from './payload';

/** Default of `maxInFlight`: deliveries running at once, across every channel. */
export const DEFAULT_MAX_IN_FLIGHT = 100;

/** Counts of a notifier's deliveries. */
export interface DeliveryStats {
  /** Deliveries running now, retries and waits included. */
  readonly inFlight: number;
  /** Deliveries dropped without an attempt: over `maxInFlight`, or after close. */
  readonly dropped: number;
  /** Deliveries that failed after their retries, or were cancelled by close. */
  readonly failed: number;
}

interface GateOptions {
  maxInFlight: number;
  failures: Counter<'channel'> | undefined;
  logger: Logger;
}

/** Checks `maxInFlight`; throws a MonitorError that names the value and the range. */
export function checkMaxInFlight(value: number | undefined): number {
  const max = value ?? DEFAULT_MAX_IN_FLIGHT;
  if (!Number.isInteger(max) || max < 1 || max > 10_000) {
    throw new MonitorError(
      `Invalid maxInFlight ${String(max)}: use a whole number from 1 to 10000.`,
    );
  }
  return max;
}

/**
 * Creates the gate that every delivery of a notifier passes: it caps the deliveries in flight,
 * counts failures and drops in `<prefix>_alert_notifications_failed_total{channel}`, and cancels
 * what still runs when it closes. `run` never rejects.
 */
export function createDeliveryGate(options: GateOptions) {
  const running = new Set<Promise<boolean>>();
  const closing = new AbortController();
  // Each running delivery adds a few abort listeners (its attempt, its wait, nodemailer's), and
  // removes them when done, so the count is bounded by the cap, not leaked.
  setMaxListeners(options.maxInFlight * 4 + 10, closing.signal);
  let closed = false;
  let dropped = 0;
  let failed = 0;

  const fail = (channel: string, message: string) => {
    options.failures?.labels(channel).inc();
    options.logger.error(message);
  };

  // A custom channel may ignore the signal, so the race makes close() stop waiting for it anyway.
  const cancelled = new Promise<never>((_, reject) => {
    closing.signal.addEventListener('abort', () => reject(new Error('the notifier closed')), {
      once: true,
    });
  });
  cancelled.catch(() => undefined);

  const attempt = async (channel: AlertChannel, notification: AlertNotification) => {
    try {
      await Promise.race([channel.send(notification, closing.signal), cancelled]);
      options.logger.info(
        `Sent a ${notification.status} notification of ${notification.alerts.length} alerts to ${channel.name}.`,
      );
      return true;
    } catch (error) {
      failed += 1;
      fail(
        channel.name,
        `Notifying ${channel.name} failed after retries: ${(error as Error).message}`,
      );
      return false;
    }
  };

  const waitForRunning = async (timeoutMillis: number): Promise<boolean> => {
    // flush() and close() are public: a timeout that is not a number of milliseconds waits 2 s.
    const wait =
      typeof timeoutMillis === 'number' && timeoutMillis >= 0 && timeoutMillis <= 2_147_483_647
        ? timeoutMillis
        : 2000;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), wait);
    });
    const settled = Promise.all([...running]).then(() => true);
    const result = await Promise.race([settled, expired]);
    clearTimeout(timer);
    return result;
  };

  return {
    /** Sends one notification through `channel`; resolves false when it failed or was dropped. */
    run(channel: AlertChannel, notification: AlertNotification): Promise<boolean> {
      if (closed || running.size >= options.maxInFlight) {
        dropped += 1;
        const reason = closed ? 'the notifier is closed' : `${options.maxInFlight} are in flight`;
        fail(channel.name, `Dropped a notification to ${channel.name}: ${reason}.`);
        return Promise.resolve(false);
      }
      const delivery = attempt(channel, notification);
      running.add(delivery);
      void delivery.finally(() => running.delete(delivery));
      return delivery;
    },
    /** Waits up to `timeoutMillis` for the running deliveries; resolves false if some still run. */
    flush: (timeoutMillis: number) => waitForRunning(timeoutMillis),
    /**
     * Drops new deliveries, waits up to `timeoutMillis` for the running ones, then cancels the
     * rest (counted as failed). Resolves true when nothing had to be cancelled.
     */
    async close(timeoutMillis: number): Promise<boolean> {
      closed = true;
      const done = await waitForRunning(timeoutMillis);
      closing.abort();
      await Promise.all([...running]);
      return done;
    },
    stats: (): DeliveryStats => ({ inFlight: running.size, dropped, failed }),
  };
}
