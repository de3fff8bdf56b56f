import { MonitorError } from '../errors';
import type { AlertmanagerConfigOptions } from './alertmanager-config';

// Fields each channel kind needs, and which of them are URLs.
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  webhook: ['url'],
  slack: ['webhookUrl'],
  pagerduty: ['routingKey'],
  email: ['to', 'from', 'smarthost'],
};
const URL_FIELDS = new Set(['url', 'webhookUrl']);

/**
 * Checks Alertmanager options that often come from a JSON file, so a mistake fails here with the
 * field and the fix, instead of in `amtool check-config` or as a JavaScript error.
 */
export function checkAlertmanagerOptions(options: AlertmanagerConfigOptions): void {
  const channels = (options as { channels?: unknown }).channels;
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new MonitorError(
      'Missing channels: list at least one, such as {"kind":"webhook","name":"ops","url":"http://..."}.',
    );
  }
  const names = new Set<string>();
  for (const [index, channel] of channels.entries()) {
    const name = checkChannel(channel, index);
    if (names.has(name)) {
      throw new MonitorError(`Duplicate channel name "${name}": give each channel its own name.`);
    }
    names.add(name);
  }
  const escalation = (options as { escalation?: unknown }).escalation;
  if (typeof escalation !== 'object' || escalation === null) {
    throw new MonitorError(
      'Missing escalation: map each severity to steps, such as {"critical":[{"afterMillis":0,"channels":["ops"]}]}.',
    );
  }
  for (const [severity, steps] of Object.entries(escalation)) {
    for (const step of Array.isArray(steps) ? steps : [steps]) checkStep(severity, step);
  }
}

function checkChannel(channel: unknown, index: number): string {
  const { kind, name } = (channel ?? {}) as { kind?: unknown; name?: unknown };
  if (typeof name !== 'string' || name === '') {
    throw new MonitorError(`Channel ${index} has no name: give each channel a unique "name".`);
  }
  const required = typeof kind === 'string' ? REQUIRED[kind] : undefined;
  if (!required) {
    const kinds = Object.keys(REQUIRED).join(', ');
    throw new MonitorError(
      `Channel "${name}" has invalid kind "${String(kind)}": use one of ${kinds}.`,
    );
  }
  for (const field of required) {
    const value = (channel as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value === '') {
      throw new MonitorError(`Channel "${name}" (${kind}) is missing "${field}".`);
    }
    if (URL_FIELDS.has(field) && !/^https?:\/\/[^\s/]+/.test(value)) {
      throw new MonitorError(
        `Channel "${name}" has invalid ${field} "${value}": use an http or https URL.`,
      );
    }
  }
  return name;
}

function checkStep(severity: string, step: unknown): void {
  const { afterMillis, channels } = (step ?? {}) as { afterMillis?: unknown; channels?: unknown };
  if (typeof afterMillis !== 'number' || !Number.isFinite(afterMillis) || afterMillis < 0) {
    throw new MonitorError(
      `Escalation step of "${severity}" has invalid afterMillis ${String(afterMillis)}: use milliseconds from 0.`,
    );
  }
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new MonitorError(
      `Escalation step of "${severity}" lists no channels: name at least one.`,
    );
  }
}
