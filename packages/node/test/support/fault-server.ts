import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { type EnvelopeItem, parseEnvelope } from './sentry-receiver';

/**
 * How a fault server treats each request:
 * - `ok`: responds as the vendor does;
 * - `down`: nothing listens on the port, so connections are refused;
 * - `hang`: accepts and reads the request, never responds;
 * - `error`: responds with 500;
 * - `rate_limited`: responds with 429 with `Retry-After: retryAfterSeconds`;
 * - `slow`: responds as the vendor does after `slowMillis`.
 */
export type FaultMode = 'ok' | 'down' | 'hang' | 'error' | 'rate_limited' | 'slow';

/** The fault of a server, applied to each request as it arrives. */
export interface Fault {
  mode: FaultMode;
  /** Delay of `slow` responses, in milliseconds. Default: 500. */
  slowMillis?: number;
  /** Value of `Retry-After` in `rate_limited` responses, in seconds. Default: 60. */
  retryAfterSeconds?: number;
  /** Share of requests, from 0 to 1, that are read and never responded to. Default: 0. */
  dropShare?: number;
  /** Share of requests, from 0 to 1, whose connection is reset before they are read. Default: 0. */
  resetShare?: number;
}

/** What a vendor endpoint does with a request that the fault lets through. */
export interface VendorAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/** A vendor's wire format: parses what it accepts and returns the vendor's response. */
export type VendorHandler = (request: IncomingMessage, body: Buffer) => VendorAnswer;

/** Counts of what the server did, by outcome. */
export interface FaultCounts {
  /** Requests that got the vendor's 2xx response: what the vendor received. */
  accepted: number;
  failed: number;
  hung: number;
  reset: number;
}

/** An HTTP server on 127.0.0.1 that speaks a vendor's wire format and fails on demand. */
export interface FaultServer {
  readonly url: string;
  readonly port: number;
  readonly counts: FaultCounts;
  /** Changes the fault; `down` closes the listener, and any other mode opens it again. */
  setFault(fault: Fault): Promise<void>;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** Options of `startFaultServer()`. */
export interface FaultServerOptions {
  handler: VendorHandler;
  fault?: Fault;
  /** Random numbers from 0 to 1 for `dropShare` and `resetShare`. Default: `Math.random`. */
  random?: () => number;
}

/** Starts a fault server on 127.0.0.1 with an ephemeral port, which it keeps while down. */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const random = options.random ?? Math.random;
  const counts: FaultCounts = { accepted: 0, failed: 0, hung: 0, reset: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let fault: Fault = options.fault ?? { mode: 'ok' };
  let server: Server | undefined;

  const answer = (response: ServerResponse, reply: VendorAnswer) => {
    response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
    response.end(reply.body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const current = fault;
    if (random() < (current.resetShare ?? 0)) {
      counts.reset++;
      request.socket.resetAndDestroy();
      return;
    }
    const body = await readBody(request);
    if (current.mode === 'hang' || random() < (current.dropShare ?? 0)) {
      counts.hung++;
      return;
    }
    if (current.mode === 'error') {
      counts.failed++;
      return answer(response, { status: 500, body: '{"detail":"internal error"}' });
    }
    if (current.mode === 'rate_limited') {
      counts.failed++;
      response.writeHead(429, { 'retry-after': String(current.retryAfterSeconds ?? 60) });
      return response.end('{"detail":"rate limited"}');
    }
    const reply = () => {
      // A client that gave up before the response never learns of it, so the vendor keeps nothing.
      if (response.destroyed) {
        counts.hung++;
        return;
      }
      const vendorAnswer = options.handler(request, body);
      if (vendorAnswer.status >= 200 && vendorAnswer.status < 300) counts.accepted++;
      answer(response, vendorAnswer);
    };
    if (current.mode !== 'slow') return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply();
    }, current.slowMillis ?? 500);
    timers.add(timer);
  };

  const listen = async (port: number) => {
    const created = createServer((request, response) => void handle(request, response));
    created.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    created.listen(port, '127.0.0.1');
    await once(created, 'listening');
    server = created;
    return (created.address() as AddressInfo).port;
  };

  const stop = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  const port = await listen(0);
  if (fault.mode === 'down') await stop();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    async setFault(next) {
      fault = next;
      if (next.mode === 'down') await stop();
      else if (!server) await listen(port);
    },
    close: stop,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    // A client that gives up mid-body leaves what arrived.
  }
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/** Items that a Sentry intake accepted, with the event ids it saw. */
export interface SentryIntake {
  readonly handler: VendorHandler;
  readonly items: EnvelopeItem[];
  /** Ids of accepted error events, once per delivery, so a repeat shows twice. */
  readonly eventIds: string[];
}

/** Sentry's envelope intake: `POST /api/<project>/envelope/` responds with 200 `{}`. */
export function sentryIntake(): SentryIntake {
  const items: EnvelopeItem[] = [];
  const eventIds: string[] = [];
  const handler: VendorHandler = (request, body) => {
    if (request.method !== 'POST' || !/^\/api\/[^/]+\/envelope\//.test(request.url ?? '')) {
      return { status: 404, body: '{"detail":"not found"}' };
    }
    for (const item of parseEnvelope(body)) {
      items.push(item);
      if (item.header.type === 'event') eventIds.push(String(item.payload.event_id));
    }
    return { status: 200, body: '{}' };
  };
  return { handler, items, eventIds };
}

/** Traces that a trace agent accepted. */
export interface TraceAgentIntake {
  readonly handler: VendorHandler;
  /** Names of the spans received, one per span. */
  readonly spans: string[];
  /** Paths of every request, such as `PUT /v0.4/traces`, to see what dd-trace sends. */
  readonly paths: string[];
}

/**
 * The endpoints of a DataDog agent that dd-trace 5 calls: `PUT /v0.4/traces` and
 * `PUT /v0.5/traces` (msgpack), `GET /info`, `POST /telemetry/proxy/api/v2/apmtelemetry`; remote
 * configuration (`POST /v0.7/config`) responds with 404, as an agent with it turned off does.
 */
export function traceAgentIntake(): TraceAgentIntake {
  const spans: string[] = [];
  const paths: string[] = [];
  const handler: VendorHandler = (request, body) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    paths.push(`${request.method} ${path}`);
    if (request.method === 'PUT' && path === '/v0.4/traces') {
      const traces = decode(body, { useBigInt64: true }) as { name: string }[][];
      for (const trace of traces) for (const span of trace) spans.push(span.name);
      return { status: 200, body: '{"rate_by_service":{"service:,env:":1}}' };
    }
    if (request.method === 'PUT' && path === '/v0.5/traces') {
      // v0.5 sends [strings, traces]; each span is an array whose second field indexes its name.
      const [strings, traces] = decode(body, { useBigInt64: true }) as [string[], unknown[][][]];
      for (const trace of traces)
        for (const span of trace) spans.push(String(strings[Number(span[1])]));
      return { status: 200, body: '{"rate_by_service":{"service:,env:":1}}' };
    }
    if (request.method === 'GET' && path === '/info') {
      const endpoints = ['/v0.4/traces', '/v0.5/traces', '/telemetry/proxy/'];
      return { status: 200, body: JSON.stringify({ version: '7.60.0', endpoints }) };
    }
    if (path.startsWith('/telemetry/proxy/')) return { status: 202, body: '' };
    return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
  };
  return { handler, spans, paths };
}

/** A DogStatsD agent on 127.0.0.1 that can discard a share of datagrams or stop listening. */
export interface FaultyDogStatsD {
  readonly port: number;
  /** Every line received and kept. */
  readonly lines: string[];
  /** Lines in the datagrams that were received and discarded on purpose. */
  readonly discarded: string[];
  /** Share of datagrams, from 0 to 1, that are discarded. */
  dropShare: number;
  /** Closes the socket, so datagrams to the port are refused by the kernel. */
  stop(): Promise<void>;
  /** Listens on the same port again. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a UDP DogStatsD receiver on an ephemeral port of 127.0.0.1. */
export async function startFaultyDogStatsD(
  options: { dropShare?: number; random?: () => number } = {},
): Promise<FaultyDogStatsD> {
  const random = options.random ?? Math.random;
  let socket: UdpSocket | undefined;
  const receiver: FaultyDogStatsD = {
    port: 0,
    lines: [],
    discarded: [],
    dropShare: options.dropShare ?? 0,
    async stop() {
      const closing = socket;
      socket = undefined;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async start() {
      if (socket) return;
      const opened = createSocket('udp4');
      opened.on('message', (message) => {
        const lines = message.toString('utf8').split('\n');
        if (random() < receiver.dropShare) receiver.discarded.push(...lines);
        else receiver.lines.push(...lines);
      });
      opened.bind(receiver.port, '127.0.0.1');
      await once(opened, 'listening');
      socket = opened;
      (receiver as { port: number }).port = opened.address().port;
    },
    close: () => receiver.stop(),
  };
  await receiver.start();
  return receiver;
}

/** Returns a seeded linear congruential generator, so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
