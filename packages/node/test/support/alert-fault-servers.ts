import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Server,
  type Socket,
} from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The ways a channel's server can be broken. */
export const FAULT_MODES = ['down', 'hang', '500', '429', 'slow'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** Options of a fault server. */
export interface FaultOptions {
  /** `Retry-After` of the 429 response, in seconds. Default: 1. */
  retryAfterSeconds?: number;
  /** Delay of the `slow` response in milliseconds. Default: 150. */
  slowMillis?: number;
}

/** A local server on 127.0.0.1 that fails in one way, with counts of what it took. */
export interface FaultServer {
  readonly mode: FaultMode | 'hang-data';
  /** HTTP URL, or `smtp://127.0.0.1:port` for an SMTP server. */
  readonly url: string;
  readonly port: number;
  /** Requests (HTTP) or messages after DATA (SMTP) that reached the server. */
  readonly received: () => number;
  /** TCP connections open now. */
  readonly openSockets: () => number;
  /** TCP connections accepted since the start. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** Tracks the sockets of a net.Server so tests can count and destroy them. */
function trackSockets(server: Server) {
  const sockets = new Set<Socket>();
  let total = 0;
  server.on('connection', (socket: Socket) => {
    total += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    open: () => sockets.size,
    total: () => total,
    destroy: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** Returns a port on 127.0.0.1 where nothing listens: a server is started, then closed. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function downServer(port: number, scheme: string): FaultServer {
  return {
    mode: 'down',
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    received: () => 0,
    openSockets: () => 0,
    connections: () => 0,
    close: async () => undefined,
  };
}

/** Starts an HTTP server on 127.0.0.1 that fails every request in `mode`. */
export async function startHttpFault(
  mode: FaultMode,
  options: FaultOptions = {},
): Promise<FaultServer> {
  if (mode === 'down') return downServer(await closedPort(), 'http');
  let received = 0;
  const server = createHttpServer(async (request, response) => {
    for await (const _chunk of request) {
      // The body is read so the request completes; its content does not matter here.
    }
    received += 1;
    if (mode === 'hang') return;
    if (mode === '500') {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down"}');
      return;
    }
    if (mode === '429') {
      const headers = { 'retry-after': String(options.retryAfterSeconds ?? 1) };
      response.writeHead(429, headers).end('rate limited');
      return;
    }
    setTimeout(() => response.writeHead(200).end('{}'), options.slowMillis ?? 150);
  });
  const sockets = trackSockets(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    mode,
    url: `http://127.0.0.1:${port}`,
    port,
    received: () => received,
    openSockets: sockets.open,
    connections: sockets.total,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A hanging request keeps server.close() waiting, so every connection is ended here.
      server.closeAllConnections();
      sockets.destroy();
      return closed;
    },
  };
}

/** Starts a TCP server that accepts connections and never sends the SMTP greeting. */
async function startSilentTcp(): Promise<FaultServer> {
  const server = createTcpServer(() => undefined);
  const sockets = trackSockets(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    mode: 'hang',
    url: `smtp://127.0.0.1:${port}`,
    port,
    received: () => 0,
    openSockets: sockets.open,
    connections: sockets.total,
    close: () => {
      sockets.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const smtpError = (code: number, text: string) =>
  Object.assign(new Error(text), { responseCode: code });

/**
 * Starts a real SMTP server on 127.0.0.1 that fails in `mode`: `hang` never greets, `hang-data`
 * stalls after DATA, `500` replies 554 after DATA, `429` replies the temporary 451 after DATA
 * (SMTP has no Retry-After), and `slow` delays the reply to DATA.
 */
export async function startSmtpFault(
  mode: FaultMode | 'hang-data',
  options: FaultOptions = {},
): Promise<FaultServer> {
  if (mode === 'down') return downServer(await closedPort(), 'smtp');
  if (mode === 'hang') return startSilentTcp();
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        received += 1;
        if (mode === 'hang-data') return;
        if (mode === '500') callback(smtpError(554, 'Transaction failed'));
        else if (mode === '429') callback(smtpError(451, 'Try again later'));
        else setTimeout(() => callback(), options.slowMillis ?? 150);
      });
    },
  });
  const sockets = trackSockets(server.server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    mode,
    url: `smtp://127.0.0.1:${port}`,
    port,
    received: () => received,
    openSockets: sockets.open,
    connections: sockets.total,
    close: () => {
      sockets.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
