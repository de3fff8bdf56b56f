import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@4site/monitor-core';
import type { DashboardAccess } from './options';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Sends a JSON error body, because every client of the dashboard endpoints parses JSON. */
export function sendJsonError(response: ServerResponse, status: number, message: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify({ error: message }));
}

/**
 * Creates the access check of the dashboard endpoints. It returns true when the request may
 * proceed, and otherwise sends 401 or 403 itself.
 */
export function createAccessCheck(access: DashboardAccess | undefined, logger: Logger) {
  if (access === 'public') return () => true;
  if (access === undefined) {
    return (_request: IncomingMessage, response: ServerResponse) => {
      sendJsonError(
        response,
        403,
        'Dashboard access is not configured: set the access option to { token } or { authorize }.',
      );
      return false;
    };
  }
  if ('token' in access) {
    // Hashing both sides gives equal lengths, so timingSafeEqual compares in constant time.
    const expected = digest(access.token);
    return (request: IncomingMessage, response: ServerResponse) => {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (match && timingSafeEqual(digest(match[1] as string), expected)) return true;
      response.setHeader('www-authenticate', 'Bearer');
      sendJsonError(response, 401, 'Missing or invalid bearer token.');
      return false;
    };
  }
  return (request: IncomingMessage, response: ServerResponse) => {
    let allowed = false;
    try {
      allowed = access.authorize(request) === true;
    } catch (error) {
      logger.error('Dashboard authorize() failed, so the request gets 403.', error);
    }
    if (!allowed) sendJsonError(response, 403, 'Access to the dashboard is not allowed.');
    return allowed;
  };
}
