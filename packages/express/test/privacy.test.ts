import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  type Alerting,
  createAlerting,
  createNodeMonitor,
  type NodeMonitor,
  webhookChannel,
} from '@4site/monitor-node';
import type express5 from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type DogStatsDReceiver,
  QUIET_DD_TRACE_ENV,
  startDogStatsDReceiver,
  startTraceAgent,
  type TraceAgent,
} from '../../node/test/support/datadog-agent';
import { type SentryReceiver, startSentryReceiver } from '../../node/test/support/sentry-receiver';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '../src';

// Each planted value is unique, so a match in any captured payload names the channel that leaked.
const PLANTED = {
  email: 'nodepii.ada@example.com',
  bearer: 'nodeBearerQx7tok',
  password: 'nodePassZk3word',
  cookie: 'nodeCookieMv8sess',
  queryToken: 'nodeQueryTokJ2val',
  accessToken: 'nodeAccessTokW5val',
  apiKey: 'nodeApiKeyR9val',
} as const;

/** Returns the forms in which a planted value could appear: raw, percent-encoded and base64. */
function formsOf(value: string): string[] {
  const bytes = Buffer.from(value);
  const forms = [
    value,
    encodeURIComponent(value),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
  ];
  return [...new Set(forms)];
}

/** Returns `channel: form` for every planted value found in the text. */
function leaksIn(channel: string, text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(PLANTED)) {
    for (const form of formsOf(value)) {
      if (text.includes(form)) found.push(`${channel}: ${name} as ${form}`);
    }
  }
  return found;
}

const QUERY =
  `?token=${PLANTED.queryToken}&access_token=${PLANTED.accessToken}` +
  `&api_key=${PLANTED.apiKey}&password=${PLANTED.password}&email=${PLANTED.email}`;
const HEADERS = {
  authorization: `Bearer ${PLANTED.bearer}`,
  cookie: `session=${PLANTED.cookie}; theme=dark`,
  'x-user-email': PLANTED.email,
};

let agent: TraceAgent;
let statsd: DogStatsDReceiver;
let sentry: SentryReceiver;
let hook: Server;
let hookBodies: string[];
let monitor: NodeMonitor;
let alerting: Alerting;
let outbound: Server;
const logLines: string[] = [];

function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  return once(server, 'listening').then(() => (server.address() as AddressInfo).port);
}

function recordingServer(bodies: string[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(`${req.url}\n${JSON.stringify(req.headers)}\n${Buffer.concat(chunks)}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
}

/** A log writer that keeps every line as the console would print it. */
const logWriter = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (...parts: unknown[]) => logLines.push(parts.map(printable).join(' ')),
  ]),
) as unknown as NonNullable<Parameters<typeof createNodeMonitor>[0]>['logWriter'];

function printable(part: unknown): string {
  if (part instanceof Error) return `${part.stack} ${JSON.stringify(part)} ${String(part.cause)}`;
  if (typeof part === 'object') return JSON.stringify(part);
  return String(part);
}

beforeAll(async () => {
  hookBodies = [];
  hook = recordingServer(hookBodies);
  outbound = recordingServer([]);
  const [hookPort] = await Promise.all([listen(hook), listen(outbound)]);
  [agent, statsd, sentry] = await Promise.all([
    startTraceAgent(),
    startDogStatsDReceiver(),
    startSentryReceiver(),
  ]);
  Object.assign(process.env, QUIET_DD_TRACE_ENV);
  monitor = createNodeMonitor({
    service: '4site-api',
    environment: 'test',
    debug: true,
    logWriter,
    prometheus: { defaultMetrics: false },
    sentry: { dsn: sentry.dsn },
    datadog: {
      url: agent.url,
      flushInterval: 100,
      dogstatsd: { hostname: '127.0.0.1', port: statsd.port, flushIntervalMillis: 50 },
    },
  });
  alerting = createAlerting(monitor, {
    start: false,
    channels: [webhookChannel({ url: `http://127.0.0.1:${hookPort}/alerts` })],
    rules: [
      {
        name: 'LeadSeen',
        source: { kind: 'gauge', metric: 'foursite_leads_total', aggregation: 'sum' },
        comparison: '>=',
        threshold: 0,
        severity: 'warning',
        summary: 'A lead arrived.',
        response: 'None, this is a test rule.',
      },
    ],
  });
});

afterAll(async () => {
  alerting?.stop();
  await monitor?.close(2000);
  await Promise.all([agent?.close(), statsd?.close(), sentry?.close()]);
  hook?.closeAllConnections();
  outbound?.closeAllConnections();
  await Promise.all([hook, outbound].map((server) => server && once(server.close(), 'close')));
});

const require = createRequire(import.meta.url);

/** Starts an app whose routes plant personal data everywhere the SDK could pick it up. */
async function startPlantingApp(outboundPort: number) {
  // dd-trace patches Express when it is required, so Express loads after the monitor started.
  const express = require('express') as typeof express5;
  const Sentry = require('@sentry/node') as typeof import('@sentry/node');
  const app = express();
  app.use(monitorMiddleware(monitor));
  app.use(monitorEndpoints(monitor));
  app.use(express.urlencoded({ extended: false }));

  app.post('/login', async (_req, res) => {
    Sentry.addBreadcrumb({
      category: 'auth',
      message: `login of ${PLANTED.email} with password=${PLANTED.password}`,
      data: { password: PLANTED.password, email: PLANTED.email, url: `/next${QUERY}` },
    });

    // biome-ignore lint/suspicious/noConsole: Sentry's console integration reads this line.
    console.log(`login ${PLANTED.email} Authorization: Bearer ${PLANTED.bearer}`);
    // biome-ignore lint/suspicious/noConsole: Sentry's console integration reads this line.
    console.warn('form', { password: PLANTED.password, cookie: `session=${PLANTED.cookie}` });
    // biome-ignore lint/suspicious/noConsole: Sentry's console integration reads this line.
    console.error(`Cookie: session=${PLANTED.cookie} token=${PLANTED.queryToken}`);

    // What trackLead() of the business package calls; this package does not depend on it.
    monitor.track('lead', { leadId: 'lead-1', source: 'organic' });
    // Invalid on purpose: the e-mail must not reach the log line that reports the drop.
    monitor.track('lead', { leadId: PLANTED.email, source: PLANTED.email } as never);
    // Valid, and sent twice: the debug line about the repeated key must not name the e-mail.
    monitor.track('lead', { leadId: PLANTED.email, source: 'email' });
    monitor.track('lead', { leadId: PLANTED.email, source: 'email' });

    await fetch(`http://127.0.0.1:${outboundPort}/upstream${QUERY}`, { headers: HEADERS });
    monitor.setContext('account', { email: PLANTED.email, password: PLANTED.password });
    monitor.identify({ id: 'user-1', email: PLANTED.email } as never);

    const cause = new Error(`upstream rejected access_token=${PLANTED.accessToken}`);
    const error = new Error(
      `login failed for ${PLANTED.email} (password: ${PLANTED.password}, ` +
        `Authorization: Bearer ${PLANTED.bearer})`,
      { cause },
    );
    Object.assign(error, { password: PLANTED.password, cookie: `session=${PLANTED.cookie}` });
    monitor.captureError(error, { email: PLANTED.email, note: `api_key=${PLANTED.apiKey}` });
    res.status(400).json({ ok: false });
  });
  app.get('/sites/:id', () => {
    throw new Error(`site of ${PLANTED.email} failed with token=${PLANTED.queryToken}`);
  });
  app.use(monitorErrorHandler(monitor));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('personal data on the Node side', () => {
  it('reaches no vendor, channel or log', async () => {
    const outboundPort = (outbound.address() as AddressInfo).port;
    const { server, base } = await startPlantingApp(outboundPort);
    const form = `email=${encodeURIComponent(PLANTED.email)}&password=${PLANTED.password}`;

    const login = await fetch(`${base}/login${QUERY}`, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const site = await fetch(`${base}/sites/${encodeURIComponent(PLANTED.email)}${QUERY}`, {
      headers: HEADERS,
    });
    await alerting.evaluate();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    await monitor.flush(3000);
    await vi.waitFor(
      () => {
        expect(sentry.events().length).toBeGreaterThanOrEqual(2);
        expect(agent.spans.some((span) => span.name === 'express.request')).toBe(true);
        expect(statsd.lines.some((line) => line.startsWith('foursite.leads:1'))).toBe(true);
        expect(hookBodies.length).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 100 },
    );
    server.closeAllConnections();
    server.close();

    expect(login.status).toBe(400);
    expect(site.status).toBe(500);
    // The planting reached each channel: without it, an empty capture would pass.
    expect(logLines.join('\n')).toContain('Invalid "lead" event');
    expect(sentry.raw.join('\n')).toContain('login failed for');
    const channels = {
      sentry: sentry.raw.join('\n'),
      'dd-trace': JSON.stringify(agent.spans, (_key, value) =>
        typeof value === 'bigint' ? String(value) : value,
      ),
      dogstatsd: statsd.lines.join('\n'),
      metrics,
      webhook: hookBodies.join('\n'),
      log: logLines.join('\n'),
    };
    const leaks = Object.entries(channels).flatMap(([channel, text]) => leaksIn(channel, text));
    expect(leaks).toEqual([]);
  });
});
