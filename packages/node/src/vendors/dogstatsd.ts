import { createSocket, type Socket } from 'node:dgram';
import type { Catalog, Logger, MonitorEvent, Sink } from '@4site/monitor-core';

/** Address of the DogStatsD agent and the flush interval. */
export interface DogStatsDOptions {
  /** Agent host. Default: `DD_DOGSTATSD_HOST`, `DD_AGENT_HOST`, or `127.0.0.1`. */
  hostname?: string;
  /** Agent UDP port. Default: `DD_DOGSTATSD_PORT` or 8125. */
  port?: number;
  /** How often buffered lines are sent, in milliseconds. Default: 1000. */
  flushIntervalMillis?: number;
}

// Lines are packed into datagrams up to this size, which fits the usual 1500-byte MTU.
const MAX_DATAGRAM_BYTES = 1432;
// Lines waiting for a flush; past this, new lines are dropped and counted.
const MAX_PENDING_LINES = 2000;

/** Measurements that events carry, sent as DogStatsD distributions. */
const MEASURES: Record<
  string,
  { property: string; metric: (e: MonitorEvent) => string; scale: (e: MonitorEvent) => number }
> = {
  site_generated: {
    property: 'durationSeconds',
    metric: () => 'site_generation.duration',
    scale: () => 1,
  },
  lead: { property: 'score', metric: () => 'lead.score', scale: () => 1 },
  web_vital: {
    property: 'value',
    metric: (e) => `web_vitals.${String(e.properties.metric).toLowerCase()}`,
    scale: (e) => (e.properties.metric === 'CLS' ? 1 : 0.001),
  },
};

/** Settings of the DogStatsD sink, taken from the Node monitor. */
export interface DogStatsDSettings {
  readonly prefix: string;
  /** Tags on every line, such as `service:4site-api`. */
  readonly globalTags: readonly string[];
  readonly logger: Logger;
  readonly catalog: Catalog;
}

/**
 * Creates the sink that sends each business event to the DataDog agent as a DogStatsD count
 * (`<prefix>.<metric>:1|c|#label:value`), and each measurement as a distribution (`|d`).
 */
export function createDogStatsDSink(options: DogStatsDOptions, settings: DogStatsDSettings): Sink {
  const { prefix, globalTags, logger, catalog } = settings;
  const env = process.env;
  const host = options.hostname ?? env.DD_DOGSTATSD_HOST ?? env.DD_AGENT_HOST ?? '127.0.0.1';
  const port = options.port ?? (Number(env.DD_DOGSTATSD_PORT) || 8125);
  const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('error', (error) => logger.warn('DogStatsD send failed.', error));
  socket.unref();
  let pending: string[] = [];
  let dropped = 0;
  const suffix = globalTags.length > 0 ? globalTags.map(tag).join(',') : '';

  const add = (
    name: string,
    value: number,
    type: 'c' | 'd',
    labels: Record<string, string> = {},
  ) => {
    if (pending.length >= MAX_PENDING_LINES) return void dropped++;
    const tags = [...Object.entries(labels).map(([k, v]) => tag(`${k}:${v}`)), suffix].filter(
      Boolean,
    );
    pending.push(
      `${prefix}.${name}:${value}|${type}${tags.length > 0 ? `|#${tags.join(',')}` : ''}`,
    );
  };
  const flush = () => {
    const lines = pending;
    pending = [];
    for (const datagram of pack(lines)) socket.send(datagram, port, host);
    if (dropped > 0) logger.warn(`Dropped ${dropped} DogStatsD lines while the buffer was full.`);
    dropped = 0;
  };
  const timer = setInterval(flush, options.flushIntervalMillis ?? 1000);
  timer.unref();

  return {
    name: 'dogstatsd',
    handleEvent(event) {
      const metric = Object.hasOwn(catalog, event.name) ? catalog[event.name]?.metric : undefined;
      add(metric ?? event.name, 1, 'c', { ...event.labels });
      const measure = MEASURES[event.name];
      const value = measure ? event.properties[measure.property] : undefined;
      if (measure && typeof value === 'number' && Number.isFinite(value)) {
        add(measure.metric(event), value * measure.scale(event), 'd', { ...event.labels });
      }
    },
    handleError() {
      add('errors', 1, 'c');
    },
    async flush() {
      flush();
      return true;
    },
    async close() {
      clearInterval(timer);
      flush();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      return true;
    },
  };
}

/** Replaces the characters that end a tag or a line in the DogStatsD format. */
function tag(text: string): string {
  return text.replace(/[|,#\s]/g, '_');
}

function pack(lines: string[]): Buffer[] {
  const datagrams: Buffer[] = [];
  let current = '';
  for (const line of lines) {
    if (current && Buffer.byteLength(current) + 1 + Buffer.byteLength(line) > MAX_DATAGRAM_BYTES) {
      datagrams.push(Buffer.from(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) datagrams.push(Buffer.from(current));
  return datagrams;
}
