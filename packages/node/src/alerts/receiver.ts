import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger, type Logger } from '@4site/monitor-core';
import type { AlertNotification } from './payload';

export interface AlertmanagerReceiverOptions {
  /** Called once per distinct notification. A rejection returns 502, so the sender retries. */
  forward: (notification: AlertNotification) => void | Promise<void>;
  /** Largest accepted body in bytes. Default: 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /** Notifications remembered for de-duplication. Default: 10000. */
  maxRemembered?: number;
  /** How long a notification is remembered, in milliseconds. Default: 86400000 (24 h). */
  rememberMillis?: number;
  now?: () => number;
  logger?: Logger;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Returns the identity of a notification: its group, status and each alert's fingerprint, status
 * and times. Alertmanager resends the same notification after a failed delivery, and two
 * Alertmanager replicas send the same one, so this key is equal for both.
 */
export function notificationKey(notification: AlertNotification): string {
  const alerts = notification.alerts
    .map((alert) => `${alert.fingerprint}|${alert.status}|${alert.startsAt}|${alert.endsAt}`)
    .sort();
  const text = JSON.stringify([notification.groupKey, notification.status, alerts]);
  return createHash('sha256').update(text).digest('hex');
}

const isNotification = (value: unknown): value is AlertNotification => {
  const body = value as Partial<AlertNotification> | null;
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof body.groupKey === 'string' &&
    (body.status === 'firing' || body.status === 'resolved') &&
    Array.isArray(body.alerts) &&
    body.alerts.every(
      (alert) => typeof alert === 'object' && alert !== null && typeof alert.status === 'string',
    )
  );
};

/**
 * Creates an HTTP handler that takes Alertmanager webhook notifications and forwards each distinct
 * one once. A repeat within `rememberMillis` returns 200 without forwarding.
 */
export function createAlertmanagerReceiver(options: AlertmanagerReceiverOptions): Handler {
  const maxBody = options.maxBodyBytes ?? 1_048_576;
  const maxRemembered = options.maxRemembered ?? 10_000;
  const rememberMillis = options.rememberMillis ?? 86_400_000;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger();
  // Insertion order is arrival order, so the oldest keys are dropped first.
  const seen = new Map<string, number>();
  const inFlight = new Set<string>();

  const remember = (key: string) => {
    const at = now();
    for (const [old, time] of seen) {
      if (at - time < rememberMillis && seen.size < maxRemembered) break;
      seen.delete(old);
    }
    seen.set(key, at);
  };

  return async (request, response) => {
    if (request.method !== 'POST') return reply(response, 405, { error: 'Use POST.' });
    const body = await readJson(request, maxBody);
    if (body === 'too large')
      return reply(response, 413, { error: `Body is larger than ${maxBody} bytes.` });
    if (!isNotification(body)) {
      return reply(response, 400, { error: 'Invalid body: expected Alertmanager webhook JSON.' });
    }
    const key = notificationKey(body);
    const seenAt = seen.get(key);
    if (inFlight.has(key) || (seenAt !== undefined && now() - seenAt < rememberMillis)) {
      return reply(response, 200, { status: 'duplicate' });
    }
    inFlight.add(key);
    try {
      await options.forward(body);
      remember(key);
      reply(response, 200, { status: 'forwarded' });
    } catch (error) {
      logger.error(`Forwarding notification ${body.groupKey} failed.`, error);
      reply(response, 502, { error: 'Forwarding failed; retry later.' });
    } finally {
      inFlight.delete(key);
    }
  };
}

async function readJson(request: IncomingMessage, maxBody: number): Promise<unknown> {
  const parsed = (request as { body?: unknown }).body;
  // Express with express.json() has parsed the body already.
  if (parsed !== undefined && typeof parsed === 'object') return parsed;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return 'too large';
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}
