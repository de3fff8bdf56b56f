import type { MonitorEvent } from '@4site/monitor-core';
import { scrubDeep } from './scrub-url';

/**
 * Returns the event with personal data masked in its properties, as it is sent to the ingest
 * endpoint. A schema accepts any text in fields such as a page path or an id, so a path with
 * `?token=` or an id that is an e-mail address would otherwise leave the page raw.
 */
export function scrubEventProperties(event: MonitorEvent): MonitorEvent {
  return { ...event, properties: scrubDeep(event.properties) as MonitorEvent['properties'] };
}
