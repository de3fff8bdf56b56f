import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fourSiteAlertRules, fourSiteRuleFileYaml } from '@4site/monitor-business';
import { alertmanagerConfig, toYaml } from '@4site/monitor-core';
import { Gauge } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertNotification,
  createAlertmanagerReceiver,
  createNodeMonitor,
  ensureMetric,
} from '../src';
import { waitFor } from './alert-servers';

const DAY_SECONDS = 86_400;
const dir = mkdtempSync(join(tmpdir(), 'foursite-e2e-'));
const children: ChildProcess[] = [];
const servers: Server[] = [];
const notifications: AlertNotification[] = [];

const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
// Stands in for the TLS probe: the test sets the seconds left directly.
const expiry = ensureMetric(
  monitor.registry,
  'foursite_tls_certificate_expiry_seconds',
  () =>
    new Gauge({
      name: 'foursite_tls_certificate_expiry_seconds',
      help: 'Seconds until the certificate expires.',
      labelNames: ['host'],
      registers: [],
    }),
);

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Returns a port that was free a moment ago, for the binaries that need one up front. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  child.on('exit', (code) => {
    if (code) process.stderr.write(`${command} exited with ${code}:\n${log}\n`);
  });
  children.push(child);
}

async function ready(url: string): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > end) throw new Error(`${url} did not become ready.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  expiry.labels('app.example.test').set(60 * DAY_SECONDS);
  const app = createServer(async (_request, response) => {
    response.setHeader('content-type', monitor.registry.contentType);
    response.end(await monitor.registry.metrics());
  });
  const appPort = await listen(app);
  const receiver = createAlertmanagerReceiver({ forward: (body) => void notifications.push(body) });
  const receiverPort = await listen(
    createServer((request, response) => void receiver(request, response)),
  );
  const [promPort, amPort] = [await freePort(), await freePort()];

  const rules = fourSiteAlertRules({
    overrides: { TlsCertificateExpiringSoon: { forMillis: 2000 } },
  });
  writeFileSync(join(dir, 'rules.yml'), fourSiteRuleFileYaml(rules, { intervalMillis: 1000 }));
  const ladder = [{ afterMillis: 0, channels: ['hook'] }];
  const am = alertmanagerConfig({
    channels: [{ kind: 'webhook', name: 'hook', url: `http://127.0.0.1:${receiverPort}/alerts` }],
    escalation: { critical: ladder, warning: ladder },
    groupWaitMillis: 1000,
    groupIntervalMillis: 1000,
  });
  writeFileSync(join(dir, 'alertmanager.yml'), toYaml(am));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    toYaml({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(dir, 'rules.yml')],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: [
        { job_name: 'app', static_configs: [{ targets: [`127.0.0.1:${appPort}`] }] },
      ],
    }),
  );
  start('prometheus-alertmanager', [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'am-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
  ]);
  start('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--rules.alert.resend-delay=1s',
  ]);
  await ready(`http://127.0.0.1:${amPort}/-/ready`);
  await ready(`http://127.0.0.1:${promPort}/-/ready`);
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)),
  );
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

const about = (status: string) =>
  notifications.some(
    (body) =>
      body.status === status &&
      body.alerts.some((alert) => alert.labels.alertname === 'TlsCertificateExpiringSoon'),
  );

describe('Prometheus and Alertmanager with the generated files', () => {
  it('deliver the firing alert and its resolve', async () => {
    expiry.labels('app.example.test').set(3 * DAY_SECONDS);
    await waitFor(() => about('firing'), 60_000);

    expiry.labels('app.example.test').set(60 * DAY_SECONDS);
    await waitFor(() => about('resolved'), 60_000);

    const firing = notifications.find((body) => body.status === 'firing');
    expect(firing?.alerts[0]?.labels).toMatchObject({
      alertname: 'TlsCertificateExpiringSoon',
      severity: 'critical',
    });
    expect(firing?.alerts[0]?.annotations.summary).toBe(
      'A TLS certificate expires in less than 7 days.',
    );
    expect(
      notifications.some((body) =>
        body.alerts.some((alert) => alert.labels.alertname === 'SlowApi'),
      ),
    ).toBe(false);
  }, 150_000);
});
