import { connect, type Socket } from 'node:net';

/** A request written byte by byte, so a test can send what `fetch` refuses to send. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Sends the body with `Transfer-Encoding: chunked` instead of a `Content-Length`. */
  chunked?: boolean;
  /** Overrides the `Content-Length` header, which may then disagree with the body. */
  contentLength?: number;
  /** Keeps the body open: no final chunk, and one more byte every 100 ms until the response. */
  neverEnds?: boolean;
  /** Waits this long between the head and the body, in milliseconds. Default: 0. */
  pauseMillis?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Resolves with true when the server closes or resets the connection, or after 5 s with false. */
  closed: Promise<boolean>;
}

const PIECE_BYTES = 64 * 1024;

/**
 * Sends one request over a fresh connection to 127.0.0.1 and reads the first response. The body
 * is written in 64 KiB pieces and writing stops as soon as a response arrives, because a server
 * that rejects a large body early may close the connection while the client is still writing.
 */
export function sendRaw(port: number, request: RawRequest): Promise<RawResponse> {
  const socket = connect({ host: '127.0.0.1', port });
  const closed = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
      socket.destroy();
    }, 5_000);
    const closedByServer = () => {
      clearTimeout(timer);
      resolve(true);
      socket.destroy();
    };
    socket.once('end', closedByServer);
    socket.once('error', closedByServer);
  });
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let done = false;
    const giveUp = setTimeout(() => fail(new Error('No response within 20 s.')), 20_000);
    const finish = (response: Omit<RawResponse, 'closed'>) => {
      done = true;
      clearTimeout(giveUp);
      resolve({ ...response, closed });
    };
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      clearTimeout(giveUp);
      socket.destroy();
      reject(error);
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parseResponse(received);
      if (response && !done) finish(response);
    });
    // fail() does nothing once a response arrived, so a reset after it is ignored, as when the
    // server stops reading an oversize body.
    socket.on('error', (error) => fail(error));
    socket.once('close', () =>
      fail(new Error('The server closed the connection without a response.')),
    );
    socket.once('connect', () => {
      writeRequest(socket, request, () => done).catch(() => undefined);
    });
  });
}

async function writeRequest(socket: Socket, request: RawRequest, answered: () => boolean) {
  const headers: Record<string, string> = { host: '127.0.0.1', ...request.headers };
  if (request.chunked) headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(request.contentLength ?? request.body.length);
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  await write(
    socket,
    Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${head.join('')}\r\n`),
  );
  if (request.pauseMillis) await new Promise((resolve) => setTimeout(resolve, request.pauseMillis));
  for (let offset = 0; offset < request.body.length && !answered(); offset += PIECE_BYTES) {
    const piece = request.body.subarray(offset, offset + PIECE_BYTES);
    await write(socket, request.chunked ? chunk(piece) : piece);
  }
  if (request.neverEnds) {
    while (!answered() && !socket.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!answered())
        await write(socket, request.chunked ? chunk(Buffer.from(' ')) : Buffer.from(' '));
    }
  } else if (request.chunked && !answered()) {
    await write(socket, Buffer.from('0\r\n\r\n'));
  }
}

function chunk(piece: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${piece.length.toString(16)}\r\n`),
    piece,
    Buffer.from('\r\n'),
  ]);
}

function write(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('The socket is closed.'));
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** Parses a complete response with a `Content-Length`, or returns undefined while it is partial. */
function parseResponse(bytes: Buffer): Omit<RawResponse, 'closed'> | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = bytes.subarray(end + 4);
  if (body.length < length) return undefined;
  const status = Number(statusLine.split(' ')[1]);
  return { status, headers, body: body.subarray(0, length).toString('utf8') };
}
