import { createLogger, defineAlertRule, MonitorError } from '@4site/monitor-core';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApiSpec,
  checkExport,
  expectEveryFunctionCovered,
} from '../../core/test/public-api-harness';
import * as node from '../src';
import { createNodeMonitor, type NodeMonitor } from '../src';

const silentWriter = { debug() {}, info() {}, warn() {}, error() {} };
const opened: NodeMonitor[] = [];
const monitor = (mode: 'production' | 'development' = 'production') => {
  const created = createNodeMonitor({ logWriter: silentWriter, mode });
  opened.push(created);
  return created;
};
const close = (value: unknown) => (value as { close?: () => unknown } | undefined)?.close?.();
const stop = (value: unknown) => (value as { stop?: () => unknown } | undefined)?.stop?.();
const hook = 'http://127.0.0.1:9/hook';

const rule = () =>
  defineAlertRule({
    name: 'SlowApi',
    source: { kind: 'gauge', metric: 'latency_seconds', aggregation: 'max' },
    comparison: '>',
    threshold: 2,
    forMillis: 60_000,
    severity: 'warning',
    summary: 'API is slow.',
    response: 'Find the slow route.',
  });
const alert = () => ({
  status: 'firing',
  labels: { alertname: 'SlowApi', severity: 'warning' },
  annotations: { summary: 'API is slow.' },
  startsAt: '2026-01-01T00:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://127.0.0.1:9090/graph',
  fingerprint: 'abc',
});
const notification = () => ({
  version: '4',
  groupKey: 'g',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'r',
  groupLabels: { alertname: 'SlowApi' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://127.0.0.1:9093',
  alerts: [alert()],
});
const delivery = ['name', 'timeoutMillis', 'retries', 'backoffMillis'];

// Probes resolve host names and open TLS connections; hostile targets would send traffic away
// from 127.0.0.1, so the targets of a plain options object are emptied before the call.
function startProbesLocally(target: unknown, options: unknown) {
  const plain =
    typeof options === 'object' &&
    options !== null &&
    Object.getPrototypeOf(options) === Object.prototype;
  const local = plain ? { ...(options as object), tls: [], dns: [] } : options;
  return node.startProbes(target as never, local as never);
}

/** Every function export of the Node entry, with how it may react to hostile input. */
const SPECS: Record<string, ApiSpec> = {
  closeOnSignal: {
    kind: 'config',
    valid: () => [monitor(), { signals: ['SIGUSR2'], timeoutMillis: 100 }],
    keys: ['signals', 'timeoutMillis'],
    cleanup: (remove) => (typeof remove === 'function' ? remove() : undefined),
  },
  createAlertNotifier: {
    kind: 'config',
    valid: () => [{ channels: [node.webhookChannel({ url: hook })], logger: createLogger() }],
    keys: ['channels', 'escalation', 'groupBy', 'repeatIntervalMillis', 'registry', 'prefix'],
    methods: true,
    cleanup: close,
  },
  createAlerting: {
    kind: 'config',
    valid: () => [monitor(), { rules: [rule()], start: false }],
    keys: [
      'rules',
      'kpiSink',
      'channels',
      'escalation',
      'intervalMillis',
      'start',
      'now',
      'timers',
    ],
    methods: true,
    cleanup: stop,
  },
  createAlertmanagerReceiver: {
    kind: 'config',
    valid: () => [{ forward: () => undefined, logger: createLogger() }],
    keys: ['forward', 'maxBodyBytes', 'maxRemembered', 'rememberMillis', 'now', 'logger'],
  },
  createAlertsStateHandler: {
    kind: 'config',
    valid: () => [{ toJSON: () => ({}) }],
    methods: true,
  },
  createClusterMetrics: {
    kind: 'config',
    valid: () => [{ timeoutMillis: 100 }],
    keys: ['timeoutMillis'],
  },
  createDashboardEndpoints: {
    kind: 'config',
    valid: () => [monitor(), {}],
    keys: ['access', 'token', 'intervalMillis', 'maxClients'],
    cleanup: close,
  },
  createLabelLimiter: { kind: 'config', valid: () => [10], methods: true },
  createNodeMonitor: {
    kind: 'config',
    valid: () => [{ logWriter: silentWriter }],
    keys: [
      'service',
      'environment',
      'release',
      'catalog',
      'debug',
      'mode',
      'consent',
      'prometheus',
      'dedupe',
      'now',
    ],
    methods: true,
    callbackMethods: ['withRequest'],
    cleanup: close,
  },
  createRegistryReader: {
    kind: 'config',
    valid: () => [{ registry: new Registry(), rules: [rule()] }],
    keys: ['registry', 'rules', 'kpiSink', 'stepMillis'],
  },
  DeliveryError: { kind: 'config', valid: () => ['failed', 'slack'], construct: true },
  emailChannel: {
    kind: 'config',
    valid: () => [{ host: '127.0.0.1', port: 9, from: 'a@127.0.0.1', to: ['b@127.0.0.1'] }],
    keys: ['host', 'port', 'from', 'to', ...delivery],
  },
  ensureMetric: {
    kind: 'config',
    valid: () => {
      const registry = new Registry();
      return [
        registry,
        'jobs_total',
        () => new Counter({ name: 'jobs_total', help: 'Jobs.', registers: [registry] }),
      ];
    },
  },
  getMonitor: { kind: 'runtime', valid: () => [] },
  initMonitor: {
    kind: 'config',
    valid: () => [{ logWriter: silentWriter }],
    keys: ['service', 'catalog', 'debug', 'mode', 'prometheus', 'dedupe'],
    methods: true,
    callbackMethods: ['withRequest'],
    cleanup: close,
  },
  isPreloaded: { kind: 'runtime', valid: () => [] },
  monitorPool: {
    kind: 'config',
    valid: () => [monitor(), { query: async () => ({ rows: [] }) }, {}],
    keys: ['maxOperations', 'buckets'],
  },
  notificationKey: { kind: 'runtime', valid: () => [notification()] },
  pagerDutyChannel: {
    kind: 'config',
    valid: () => [{ routingKey: 'key', url: hook }],
    keys: ['routingKey', 'url', 'source', ...delivery],
  },
  pagerDutyDedupKey: { kind: 'runtime', valid: () => [alert()] },
  renderExposition: { kind: 'runtime', valid: () => [new Registry(), 'text/plain'] },
  slackChannel: {
    kind: 'config',
    valid: () => [{ webhookUrl: hook }],
    keys: ['webhookUrl', 'channel', ...delivery],
  },
  slackMessage: { kind: 'runtime', valid: () => [notification()] },
  startProbes: {
    kind: 'config',
    valid: () => [monitor(), { intervalMillis: 3_600_000 }],
    keys: ['intervalMillis', 'timeoutMillis'],
    cleanup: stop,
  },
  webhookChannel: {
    kind: 'config',
    valid: () => [{ url: hook }],
    keys: ['url', 'headers', ...delivery],
  },
};

const CALLS: Record<string, (...args: unknown[]) => unknown> = {
  ...(node as unknown as Record<string, (...args: unknown[]) => unknown>),
  startProbes: startProbesLocally,
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((created) => created.close(100)));
});

describe('node public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(node, SPECS);
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, CALLS[name] as never, spec);
    });
  }
});

describe('node monitor in development mode', () => {
  it('raises one clear error for an unknown event', () => {
    const call = () => monitor('development').track('no_such_event' as never, {} as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/no_such_event/);
  });

  it('raises one clear error for a bad user', () => {
    const call = () => monitor('development').identify({ id: Symbol('x') } as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/user id/);
  });
});
