import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** One request as it left the page: its URL, headers and decoded body. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body after undoing any compression. */
  body: Buffer;
}

/** A local HTTP server on 127.0.0.1 that keeps every request a page sends to it. */
export interface CaptureServer {
  readonly port: number;
  readonly requests: CapturedRequest[];
  stop(): Promise<void>;
}

export interface CaptureOptions {
  /** Origin that each request is forwarded to; its status and body become the response. */
  forwardTo?: string;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Starts a capture server on a free port. Every response allows any origin, because the page
 * posts from another port; preflight requests get a 204 and are not kept.
 */
export async function startCapture(options: CaptureOptions = {}): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const body = decode(await readBody(req), req.headers['content-encoding']);
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (!options.forwardTo) {
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const upstream = await fetch(new URL(req.url ?? '/', options.forwardTo), {
      method: req.method ?? 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
      body: new Uint8Array(body),
    });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(await upstream.text());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, requests, stop: () => close(server) };
}

/**
 * Undoes the compression that the Content-Encoding header names, and also inflates a body that
 * starts with a zlib header but comes without that header.
 * NOTE: The spec leaves DataDog's `compressIntakeRequests` at its default, off, so RUM sends
 * plain text and the zlib path is not exercised.
 */
function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  const zlibHeader = body.length > 2 && body[0] === 0x78 && (body[0] * 256 + body[1]) % 31 === 0;
  if (!zlibHeader) return body;
  try {
    return inflateSync(body);
  } catch {
    return body;
  }
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

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
