import { createSocket, type Socket } from 'node:dgram';
import {
  type Catalog,
  describeArgument,
  type Logger,
  MonitorError,
  type MonitorEvent,
  type Sink,
} from '@4site/monitor-core';
import { IGNORE_VENDOR_DROPS, type VendorDrops } from '../prometheus/vendor-drops';

/** Address of the DogStatsD agent and the flush interval. */
export interface DogStatsDOptions {
  /** Agent host. Default: `DD_DOGSTATSD_HOST`, `DD_AGENT_HOST`, or `127.0.0.1`. */
  hostname?: string;
  /** Agent UDP port. Default: `DD_DOGSTATSD_PORT` or 8125. */
  port?: number;
  /** How often buffered lines are sent, in milliseconds, from 10 to 60000. Default: 1000. */
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
  /** Counts the lines that are dropped. Default: counts nothing. */
  readonly drops?: VendorDrops;
}

/**
 * Creates the sink that sends each business event to the DataDog agent as a DogStatsD count
 * (`<prefix>.<metric>:1|c|#label:value`), and each measurement as a distribution (`|d`).
 */
export function createDogStatsDSink(options: DogStatsDOptions, settings: DogStatsDSettings): Sink {
  // Checked before the socket opens, so a bad option leaves nothing behind.
  const intervalMillis = flushInterval(options.flushIntervalMillis);
  const { prefix, globalTags, logger, catalog } = settings;
  const drops = settings.drops ?? IGNORE_VENDOR_DROPS;
  drops.declare('dogstatsd');
  const env = process.env;
  const host = options.hostname ?? env.DD_DOGSTATSD_HOST ?? env.DD_AGENT_HOST ?? '127.0.0.1';
  const port = options.port ?? (Number(env.DD_DOGSTATSD_PORT) || 8125);
  const sender = createSender(host, port, logger, (lines) =>
    drops.record('dogstatsd', 'network_error', lines),
  );
  let pending: string[] = [];
  let dropped = 0;
  const suffix = globalTags.length > 0 ? globalTags.map(tag).join(',') : '';

  const add = (
    name: string,
    value: number,
    type: 'c' | 'd',
    labels: Record<string, string> = {},
  ) => {
    if (pending.length >= MAX_PENDING_LINES) {
      dropped++;
      drops.record('dogstatsd', 'queue_full');
      return;
    }
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
    sender.send(pack(lines));
    if (dropped > 0) logger.warn(`Dropped ${dropped} DogStatsD lines while the buffer was full.`);
    dropped = 0;
  };
  const timer = setInterval(flush, intervalMillis);
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
    async close(timeoutMillis) {
      clearInterval(timer);
      const sent = pending.length > 0;
      flush();
      // Gives the agent's "port unreachable" replies to the last datagrams time to arrive, so
      // they are counted before the socket closes.
      if (sent) await new Promise((resolve) => setTimeout(resolve, Math.min(50, timeoutMillis)));
      await sender.close();
      return true;
    },
  };
}

/** Replaces the characters that end a tag or a line in the DogStatsD format. */
function tag(text: string): string {
  return text.replace(/[|,#\s]/g, '_');
}

/** A UDP socket to the agent that reports the lines of flushes the agent refused. */
interface Sender {
  send(datagrams: readonly Datagram[]): void;
  close(): Promise<void>;
}

interface Datagram {
  readonly buffer: Buffer;
  readonly lines: number;
}

/** A datagram handed to the socket, and whether its lines were already counted as lost. */
interface SentDatagram {
  readonly lines: number;
  lost: boolean;
}

/**
 * Creates a connected UDP socket, so the kernel reports an agent that is not listening as an
 * ECONNREFUSED error on the socket. The socket keeps one pending error, however many datagrams
 * were refused, so an error counts every line of the latest flush as lost. Each datagram is
 * counted at most once, also when its send callback reported the refusal first. That is exact
 * when the agent is down for whole flushes. Losses without an ICMP "port unreachable" reply (a
 * full receive buffer, a lossy network, a firewall, ICMP rate limits) cannot be seen by a UDP
 * sender and are not counted.
 */
function createSender(
  host: string,
  port: number,
  logger: Logger,
  onLost: (lines: number) => void,
): Sender {
  const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.unref();
  // Datagrams of the latest flush. The send callback and the socket's 'error' event can both
  // report one refusal, so each datagram carries a flag that keeps it from being counted twice.
  let latest: SentDatagram[] = [];
  let refusedFlushes = 0;
  const lose = (sent: SentDatagram) => {
    if (sent.lost) return;
    sent.lost = true;
    onLost(sent.lines);
  };
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNREFUSED') {
      logger.warn('DogStatsD send failed.', error);
      return;
    }
    refusedFlushes++;
    for (const sent of latest) lose(sent);
  });
  // Datagrams of flushes before the socket connected, sent once it has; undefined once connected.
  let waiting: Datagram[] | undefined = [];
  let waitingLines = 0;
  socket.connect(port, host, (error?: Error) => {
    const queued = waiting ?? [];
    waiting = undefined;
    if (error) {
      logger.warn(`Connecting to the DogStatsD agent at ${host}:${port} failed.`, error);
      for (const datagram of queued) onLost(datagram.lines);
    } else {
      sendNow(queued);
    }
  });

  const sendNow = (datagrams: readonly Datagram[]) => {
    if (refusedFlushes > 0) {
      logger.warn(
        `DogStatsD lines of ${refusedFlushes} flushes were lost: the agent at ${host}:${port} is not listening (ECONNREFUSED).`,
      );
    }
    refusedFlushes = 0;
    latest = [];
    for (const datagram of datagrams) {
      const sent: SentDatagram = { lines: datagram.lines, lost: false };
      try {
        socket.send(datagram.buffer, (error) => {
          if (error) lose(sent);
        });
        latest.push(sent);
      } catch (error) {
        // Sending after the socket closed throws at once.
        lose(sent);
        logger.warn('DogStatsD send failed.', error);
      }
    }
  };

  return {
    send(datagrams) {
      if (!waiting) return sendNow(datagrams);
      // While the socket connects, at most one line buffer's worth of datagrams waits.
      for (const datagram of datagrams) {
        if (waitingLines + datagram.lines > MAX_PENDING_LINES) {
          onLost(datagram.lines);
          continue;
        }
        waiting.push(datagram);
        waitingLines += datagram.lines;
      }
    },
    close() {
      for (const datagram of waiting ?? []) onLost(datagram.lines);
      waiting = undefined;
      return new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

function pack(lines: string[]): Datagram[] {
  const datagrams: Datagram[] = [];
  let current = '';
  let count = 0;
  for (const line of lines) {
    if (current && Buffer.byteLength(current) + 1 + Buffer.byteLength(line) > MAX_DATAGRAM_BYTES) {
      datagrams.push({ buffer: Buffer.from(current), lines: count });
      current = '';
      count = 0;
    }
    current = current ? `${current}\n${line}` : line;
    count++;
  }
  if (current) datagrams.push({ buffer: Buffer.from(current), lines: count });
  return datagrams;
}

// setInterval() runs a bad interval, such as '1s' or 0, every millisecond.
function flushInterval(value: unknown): number {
  if (value === undefined) return 1000;
  if (typeof value === 'number' && value >= 10 && value <= 60_000) return value;
  throw new MonitorError(
    `Invalid datadog.dogstatsd.flushIntervalMillis ${describeArgument(value)}: use milliseconds from 10 to 60000.`,
  );
}
