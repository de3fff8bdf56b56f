import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode } from '@msgpack/msgpack';

/** One span as dd-trace sends it in the v0.4 protocol. */
/**
 * Environment that keeps dd-trace to traces alone in tests: the msgpack 0.4 protocol, and no
 * telemetry, remote configuration, start-up logs or crash tracking sent to the agent.
 */
export const QUIET_DD_TRACE_ENV = {
  DD_TRACE_AGENT_PROTOCOL_VERSION: '0.4',
  DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  DD_REMOTE_CONFIGURATION_ENABLED: 'false',
  DD_TRACE_STARTUP_LOGS: 'false',
  DD_CRASHTRACKING_ENABLED: 'false',
};

export interface AgentSpan {
  name: string;
  resource: string;
  service: string;
  type?: string;
  meta?: Record<string, string>;
}

/** A trace agent on 127.0.0.1 that decodes the msgpack traces dd-trace sends. */
export interface TraceAgent {
  url: string;
  spans: AgentSpan[];
  close(): Promise<void>;
}

/** Starts a trace agent that responds on every endpoint and records `/v0.4/traces`. */
export async function startTraceAgent(): Promise<TraceAgent> {
  const spans: AgentSpan[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.url?.startsWith('/v0.4/traces') && body.length > 0) {
        const traces = decode(body, { useBigInt64: true }) as AgentSpan[][];
        for (const trace of traces) spans.push(...trace);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A DogStatsD agent on 127.0.0.1 that keeps every line it receives. */
export interface DogStatsDReceiver {
  port: number;
  lines: string[];
  close(): Promise<void>;
}

/** Starts a UDP receiver that splits datagrams into DogStatsD lines. */
export async function startDogStatsDReceiver(): Promise<DogStatsDReceiver> {
  const lines: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message) => lines.push(...message.toString('utf8').split('\n')));
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    port: socket.address().port,
    lines,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
