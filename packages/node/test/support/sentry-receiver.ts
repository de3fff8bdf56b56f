import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One item of a Sentry envelope: its header and its parsed payload. */
export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown };
  payload: Record<string, unknown>;
}

/** A Sentry intake on 127.0.0.1 that parses the envelopes the real SDK posts. */
export interface SentryReceiver {
  dsn: string;
  /** Every item received so far, in order. */
  items: EnvelopeItem[];
  /** The raw text of every request body, to search for leaked secrets. */
  raw: string[];
  events(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts a receiver; its DSN is `http://publickey@127.0.0.1:PORT/1`. */
export async function startSentryReceiver(): Promise<SentryReceiver> {
  const items: EnvelopeItem[] = [];
  const raw: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const text = body.toString('utf8');
      raw.push(text);
      if (req.url?.startsWith('/api/1/envelope/')) items.push(...parseEnvelope(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    items,
    raw,
    events: () => items.filter((item) => item.header.type === 'event').map((item) => item.payload),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/**
 * Parses an envelope: a header line, then items, each a header line and a payload that is either
 * `length` bytes long or runs to the next newline.
 */
export function parseEnvelope(body: Buffer): EnvelopeItem[] {
  const items: EnvelopeItem[] = [];
  let offset = body.indexOf(0x0a) + 1;
  while (offset > 0 && offset < body.length) {
    const headerEnd = indexOrEnd(body, offset);
    const headerText = body.subarray(offset, headerEnd).toString('utf8').trim();
    if (!headerText) break;
    const header = JSON.parse(headerText) as EnvelopeItem['header'];
    const start = headerEnd + 1;
    const end = typeof header.length === 'number' ? start + header.length : indexOrEnd(body, start);
    const payloadText = body.subarray(start, end).toString('utf8');
    items.push({ header, payload: JSON.parse(payloadText || '{}') as Record<string, unknown> });
    offset = end + 1;
  }
  return items;
}

function indexOrEnd(body: Buffer, from: number): number {
  const index = body.indexOf(0x0a, from);
  return index < 0 ? body.length : index;
}
