import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@4site/monitor-core';
import { sendJsonError } from './access';

// A client whose socket buffers more than this is too slow to keep up; it is dropped.
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface StreamOptions {
  maxClients: number;
  heartbeatMillis: number;
  logger: Logger;
}

/**
 * Creates the set of server-sent-event clients: bounded by `maxClients`, kept open by heartbeat
 * comments, removed when they disconnect, fall behind, or when the streams close.
 */
export function createEventStreams(options: StreamOptions) {
  const clients = new Set<ServerResponse>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const remove = (response: ServerResponse) => {
    clients.delete(response);
    if (!response.writableEnded) response.end();
    if (clients.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  const write = (response: ServerResponse, text: string) => {
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      options.logger.warn('Dropped a slow dashboard event-stream client.');
      remove(response);
      return;
    }
    response.write(text);
  };

  const startHeartbeat = () => {
    if (heartbeat) return;
    heartbeat = setInterval(() => {
      for (const response of clients) write(response, ': heartbeat\n\n');
    }, options.heartbeatMillis);
    heartbeat.unref();
  };

  /** Opens an event stream on the response and sends `first` as its first event. */
  const open = (request: IncomingMessage, response: ServerResponse, first: string): void => {
    if (closed) {
      sendJsonError(response, 503, 'The monitor is closed.');
      return;
    }
    if (clients.size >= options.maxClients) {
      response.setHeader('retry-after', '30');
      sendJsonError(response, 503, 'Too many dashboard event streams; retry later.');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies such as nginx buffer responses, which delays events, unless this header is set.
      'x-accel-buffering': 'no',
    });
    clients.add(response);
    request.on('close', () => remove(response));
    response.on('error', () => remove(response));
    startHeartbeat();
    write(response, first);
  };

  return {
    open,
    /** Sends one event to every client. */
    broadcast(event: string, data: unknown): void {
      if (clients.size === 0) return;
      const text = formatEvent(event, data);
      for (const response of clients) write(response, text);
    },
    clientCount: () => clients.size,
    close(): void {
      closed = true;
      for (const response of [...clients]) remove(response);
    },
  };
}

/** Formats one server-sent event; JSON text has no raw newlines, so one `data:` line suffices. */
export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
