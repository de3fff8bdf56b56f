import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that a receiver recorded, with its raw body. */
export interface RecordedRequest {
  method: string;
  url: string;
  body: Buffer;
}

/** A local HTTP server on 127.0.0.1 that records every request and responds with CORS headers. */
export interface Recorder {
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Status and body of each forwarded response, in the order of `requests`. */
  readonly answers: { status: number; body: string }[];
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface RecorderOptions {
  /** Status of every response. Default: 200. */
  status?: number;
  /**
   * Origin that each request is forwarded to, such as the example server; the recorder then
   * responds with that server's status and body. Default: none, nothing is forwarded.
   */
  forwardTo?: string;
}

/**
 * Starts a recorder on a free port of 127.0.0.1. Vendor SDKs post from the page's origin, so
 * every response allows any origin; preflight requests get a response and are not recorded. Beacons
 * sent while a page unloads never show up in Playwright's request events, so tests that need
 * them point the monitor's endpoint at a forwarding recorder.
 */
export async function startRecorder(options: RecorderOptions = {}): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const answers: { status: number; body: string }[] = [];
  const server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const body = await readBody(req);
    requests.push({ method: req.method ?? '', url: req.url ?? '', body });
    if (!options.forwardTo) {
      res.writeHead(options.status ?? 200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const upstream = await fetch(new URL(req.url ?? '/', options.forwardTo), {
      method: req.method ?? 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
      body: new Uint8Array(body),
    });
    const text = await upstream.text();
    answers.push({ status: upstream.status, body: text });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
  });
  await listen(server);
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    answers,
    stop: () => close(server),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
