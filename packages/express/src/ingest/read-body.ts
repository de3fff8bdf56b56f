import type { MonitoredRequest } from '../http-types';

export type BodyResult =
  | { kind: 'ok'; text: string }
  | { kind: 'too_large' }
  | { kind: 'bad_encoding' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body as UTF-8 text up to `maxBytes`, giving up after `timeoutMillis` so that a
 * body that never ends cannot hold the request open. A body that a parser such as
 * `express.json()` already read is serialized back, so its limits apply the same way, and
 * `maxBytes` is checked against its Content-Length too.
 */
export function readBody(
  req: MonitoredRequest,
  maxBytes: number,
  timeoutMillis: number,
): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  // A body parser that ran before has consumed the stream, so its result is all there is. The
  // limit applies to what the client sent (Content-Length) and to the serialized result, since a
  // chunked body has no Content-Length and whitespace is gone after parsing.
  if (req.readableEnded || (req.body !== undefined && !isPlaceholder(req))) {
    if (Number.isFinite(declared) && declared > maxBytes)
      return Promise.resolve({ kind: 'too_large' });
    const result = parsedBody(req.body);
    const tooLarge = result.kind === 'ok' && Buffer.byteLength(result.text) > maxBytes;
    return Promise.resolve(tooLarge ? { kind: 'too_large' } : result);
  }
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve({ kind: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      clearTimeout(timer);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering but keep draining, so the 413 can still be sent on this connection.
      req.off('data', onData);
      req.resume();
      finish({ kind: 'too_large' });
    };
    const timer = setTimeout(() => {
      req.off('data', onData);
      finish({ kind: 'timeout' });
    }, timeoutMillis);
    req.on('data', onData);
    req.once('end', () => finish(decode(Buffer.concat(chunks))));
    req.once('error', () => finish({ kind: 'aborted' }));
    req.once('close', () => finish({ kind: 'aborted' }));
  });
}

/**
 * Returns whether `req.body` is the empty object that Express 4's body-parser sets for a
 * content type it skipped. It marks a body that it did read with `req._body`, and leaves the
 * stream unread otherwise.
 */
function isPlaceholder(req: MonitoredRequest): boolean {
  const body = req.body;
  const parsed = (req as MonitoredRequest & { _body?: boolean })._body === true;
  const empty = typeof body === 'object' && body !== null && Object.keys(body).length === 0;
  return !parsed && empty;
}

function parsedBody(body: unknown): BodyResult {
  if (typeof body === 'string') return { kind: 'ok', text: body };
  if (Buffer.isBuffer(body)) return decode(body);
  return { kind: 'ok', text: body === undefined ? '' : JSON.stringify(body) };
}

function decode(bytes: Buffer): BodyResult {
  try {
    return { kind: 'ok', text: decoder.decode(bytes) };
  } catch {
    return { kind: 'bad_encoding' };
  }
}
