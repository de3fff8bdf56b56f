import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of an Express request that the SDK reads. Declared here rather than imported, so
 * that users of Express 4 and 5 need no particular `@types/express` version.
 */
export interface MonitoredRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
  body?: unknown;
}

export type NextFunction = (error?: unknown) => void;

/** A request handler in the shape that Express 4 and 5 both accept. */
export type Handler = (req: MonitoredRequest, res: ServerResponse, next: NextFunction) => void;

/** An error handler in the shape that Express 4 and 5 both accept. */
export type ErrorHandler = (
  error: unknown,
  req: MonitoredRequest,
  res: ServerResponse,
  next: NextFunction,
) => void;

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
