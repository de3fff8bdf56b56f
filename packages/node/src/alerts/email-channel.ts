import { MonitorError } from '@4site/monitor-core';
import type { AlertChannel } from './channel';
import {
  DeliveryError,
  type DeliveryOptions,
  resolveDelivery,
  withAttemptSignal,
  withRetries,
} from './deliver';
import type { AlertNotification } from './payload';

export interface EmailChannelOptions extends DeliveryOptions {
  /** Default: `email`. */
  name?: string;
  /** SMTP server host name. */
  host: string;
  /** SMTP port. Default: 587. */
  port?: number;
  /** Connects with TLS from the start (port 465). Default: false, which upgrades with STARTTLS when offered. */
  secure?: boolean;
  /** Fails unless the server upgrades to TLS with STARTTLS. Default: false. */
  requireTls?: boolean;
  /** SMTP login. Default: none. The password is never logged. */
  auth?: { user: string; pass: string };
  /** Sender address. */
  from: string;
  /** Recipient addresses. */
  to: string | readonly string[];
}

/** Formats the subject line: status, alert count and names, as Alertmanager's default does. */
export function emailSubject(notification: AlertNotification): string {
  const names = [...new Set(notification.alerts.map((alert) => alert.labels.alertname))].join(', ');
  return `[${notification.status.toUpperCase()}:${notification.alerts.length}] ${names}`.slice(
    0,
    200,
  );
}

/** Formats the plain-text body: one paragraph per alert. */
export function emailText(notification: AlertNotification): string {
  return notification.alerts
    .map((alert) => {
      const lines = [`${alert.labels.alertname} (${alert.labels.severity}) is ${alert.status}`];
      for (const [key, value] of Object.entries(alert.annotations)) lines.push(`${key}: ${value}`);
      lines.push(`since: ${alert.startsAt}`);
      if (alert.status === 'resolved') lines.push(`resolved: ${alert.endsAt}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Creates a channel that sends each notification as one e-mail through SMTP with nodemailer. */
export function emailChannel(options: EmailChannelOptions): AlertChannel {
  const name = options.name ?? 'email';
  const delivery = resolveDelivery(options, name);
  if (!options.host || !options.from || options.to.length === 0) {
    throw new MonitorError(`Invalid e-mail channel ${name}: set host, from and to.`);
  }
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  // nodemailer loads only when the first e-mail goes out.
  const getTransport = () => {
    transport ??= import('nodemailer').then((nodemailer) =>
      nodemailer.createTransport({
        host: options.host,
        port: options.port ?? 587,
        secure: options.secure ?? false,
        requireTLS: options.requireTls ?? false,
        ...(options.auth ? { auth: options.auth } : {}),
        connectionTimeout: delivery.timeoutMillis,
        greetingTimeout: delivery.timeoutMillis,
        socketTimeout: delivery.timeoutMillis,
      }),
    );
    return transport;
  };
  return {
    name,
    kind: 'email',
    send: (notification, signal) =>
      withRetries(
        delivery,
        async () => {
          const mailer = await getTransport();
          try {
            // nodemailer's socket time-out restarts on every byte, so a server that trickles
            // replies could hold an attempt open: this signal bounds the whole attempt.
            await withAttemptSignal(delivery.timeoutMillis, signal, (attempt) =>
              mailer.sendMail({
                from: options.from,
                to: [options.to].flat().join(', '),
                subject: emailSubject(notification),
                text: emailText(notification),
                signal: attempt,
              }),
            );
          } catch (error) {
            // Only the SMTP reply code goes into the message: it never contains an address.
            const code = (error as { responseCode?: number }).responseCode;
            throw new DeliveryError(
              `E-mail channel ${name} failed${code ? ` (SMTP ${code})` : ''}.`,
            );
          }
        },
        signal,
      ),
  };
}
