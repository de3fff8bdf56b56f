import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the fault server does with one request:
 * - `pass`: forwards it to the target, or responds with `okStatus` when there is no target;
 * - `drop`: closes the connection before reading the request, so nothing reaches the target;
 * - `reset`: forwards it, waits for the target's response, then closes the connection instead of
 *   responding, so the target counted what the client believes failed;
 * - `error`: responds with 500;
 * - `rate_limit`: responds with 429 with `Retry-After: retryAfterSeconds`;
 * - `hang`: reads the request and never responds;
 * - `slow`: waits `slowMillis`, then acts as `pass`.
 */
export type Fault = 'pass' | 'drop' | 'reset' | 'error' | 'rate_limit' | 'hang' | 'slow';

/** One request that reached the fault server. */
export interface FaultLogEntry {
  readonly time: number;
  readonly method: string;
  readonly url: string;
  readonly fault: Fault;
  readonly body: Buffer;
}

export interface FaultServerOptions {
  /** Chooses the fault of each POST; preflights and other methods always pass. */
  faultFor(request: IncomingMessage): Fault;
  /** Origin that passing requests are forwarded to. Default: none, the server responds itself. */
  target?: string;
  /** Status of a passing request without target. Default: 200. */
  okStatus?: number;
  /** `Retry-After` of a `rate_limit` response, in seconds. Default: 1. */
  retryAfterSeconds?: number;
  /** Delay of a `slow` request, in milliseconds. Default: 1500. */
  slowMillis?: number;
  /**
   * Adds CORS headers to forwarded responses. Turn it off to pass on only the target's own CORS
   * headers. Default: true.
   */
  cors?: boolean;
}

/** A fault-injecting HTTP server on 127.0.0.1, in front of a target or standing in for an intake. */
export interface FaultServer {
  readonly origin: string;
  readonly log: FaultLogEntry[];
  stop(): Promise<void>;
}

// Vendor SDKs post from the page's origin, and read these headers to honour rate limits.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-expose-headers': 'retry-after, x-sentry-rate-limits',
};

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const log: FaultLogEntry[] = [];
  const sockets = new Set<Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const fault = req.method === 'POST' ? options.faultFor(req) : 'pass';
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (fault === 'drop') {
      log.push({
        time: Date.now(),
        method: 'POST',
        url: req.url ?? '',
        fault,
        body: Buffer.alloc(0),
      });
      req.socket.destroy();
      return;
    }

    const body = await readBody(req);
    log.push({ time: Date.now(), method: req.method ?? '', url: req.url ?? '', fault, body });
    if (fault === 'hang') return;
    if (fault === 'error') return void res.writeHead(500, CORS_HEADERS).end('{"error":"fault"}');
    if (fault === 'rate_limit') {
      const retryAfter = String(options.retryAfterSeconds ?? 1);
      res.writeHead(429, { ...CORS_HEADERS, 'retry-after': retryAfter }).end('{"error":"fault"}');
      return;
    }

    if (fault === 'slow') await delay(options.slowMillis ?? 1500);
    if (!options.target) {
      res.writeHead(options.okStatus ?? 200, CORS_HEADERS).end('{}');
      return;
    }

    const upstream = await forward(options.target, req, body);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const cors = (options.cors ?? true) ? CORS_HEADERS : {};
    res.writeHead(upstream.status, { ...upstream.headers, ...cors }).end(upstream.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(server);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Returns the origin of a port on 127.0.0.1 where nothing listens, so connections are refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      {
        method: req.method,
        headers: { ...req.headers, connection: 'close' },
      },
      (response) => {
        readBody(response).then((data) => {
          const headers = { ...response.headers } as Record<string, string | string[]>;
          delete headers['transfer-encoding'];
          delete headers.connection;
          resolve({ status: response.statusCode ?? 502, headers, body: data });
        }, reject);
      },
    );
    upstream.once('error', reject);
    upstream.end(body);
  });
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

const delay = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/**
 * Returns a seeded pseudo-random generator, a 32-bit linear congruential generator with the
 * Numerical Recipes constants, so a failing run can be replayed with the same faults.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
