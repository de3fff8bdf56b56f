import type { MonitoredRequest } from './http-types';

export type BodyResult = { kind: 'ok'; value: unknown } | { kind: 'too_large' };

/**
 * Reads a request body as text up to `maxBytes`. A body that a parser such as `express.json()`
 * already read is used as it is.
 */
export function readBody(req: MonitoredRequest, maxBytes: number): Promise<BodyResult> {
  // A body parser that ran before has consumed the stream, so its result is all there is.
  if (req.readableEnded || req.body !== undefined) {
    return Promise.resolve({ kind: 'ok', value: req.body ?? '' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve({ kind: 'too_large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering but keep draining, so the 413 can still be sent on this connection.
      req.off('data', onData);
      req.resume();
      resolve({ kind: 'too_large' });
    };
    req.on('data', onData);
    req.once('end', () => resolve({ kind: 'ok', value: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', reject);
  });
}
