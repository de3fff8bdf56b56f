import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A request that a local receiver took. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** A scripted answer: status and headers; the receiver responds with 200 once the script runs out. */
export interface ScriptedReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

/** Starts an HTTP receiver on 127.0.0.1 that records JSON requests and responds from a script. */
export async function startReceiver(
  handler?: (request: ReceivedRequest, response: ServerResponse) => boolean,
) {
  const requests: ReceivedRequest[] = [];
  const script: ScriptedReply[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const received = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(received);
    if (handler?.(received, response)) return;
    const reply = script.shift() ?? { status: 200 };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message that the SMTP server took. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

/** Starts a real SMTP server on 127.0.0.1 without TLS or login that records every message. */
export async function startSmtpServer() {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` returns true, polling every 50 ms, or fails after `timeoutMillis`. */
export async function waitFor(check: () => boolean, timeoutMillis = 10_000): Promise<void> {
  const end = Date.now() + timeoutMillis;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Condition not met within ${timeoutMillis} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
