import { describe, expect, it } from 'vitest';
import * as core from '../src';
import { type AlertRule, createMonitor, defineAlertRule, MonitorError } from '../src';
import { catalog, orderEvent } from './fixtures';
import { type ApiSpec, checkExport, expectEveryFunctionCovered } from './public-api-harness';

const rule = (): AlertRule =>
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
const ruleKeys = ['name', 'source', 'comparison', 'threshold', 'forMillis', 'severity', 'summary'];
const webhook = { kind: 'webhook', name: 'hook', url: 'http://127.0.0.1:9/hook' } as const;
const silent = () => core.createLogger({ enabled: false });
const eventDefinition = () => ({
  name: 'order_placed',
  metric: 'orders_placed',
  schema: orderEvent.schema,
  labels: { plan: ['free', 'pro'] },
});

/** Every function export of the core entry, with how it may react to hostile input. */
const SPECS: Record<string, ApiSpec> = {
  alertmanagerConfig: {
    kind: 'config',
    valid: () => [
      { channels: [webhook], escalation: { critical: [{ afterMillis: 0, channels: ['hook'] }] } },
    ],
    keys: ['channels', 'escalation', 'groupBy', 'groupWaitMillis', 'repeatIntervalMillis'],
  },
  checkAlertRules: { kind: 'config', valid: () => [[rule()]] },
  compare: { kind: 'runtime', valid: () => [3, '>', 2] },
  createAlertEvaluator: {
    kind: 'config',
    valid: () => [{ rules: [rule()], read: () => 1, logger: silent() }],
    keys: ['rules', 'read', 'intervalMillis', 'now', 'timers', 'beforeEvaluate', 'onEvaluated'],
    cleanup: (evaluator) => (evaluator as { stop?: () => void } | undefined)?.stop?.(),
  },
  describeArgument: { kind: 'runtime', valid: () => ['value'] },
  createDeduper: {
    kind: 'config',
    valid: () => [{ maxKeys: 10, ttlMillis: 1000 }],
    keys: ['maxKeys', 'ttlMillis'],
  },
  createLogger: {
    kind: 'runtime',
    valid: () => [{ enabled: true, writer: { debug() {}, info() {}, warn() {}, error() {} } }],
    keys: ['enabled', 'prefix', 'writer'],
    methods: true,
  },
  createMonitor: {
    kind: 'config',
    valid: () => [{ catalog, logger: silent() }],
    keys: ['catalog', 'debug', 'mode', 'consent', 'sinks', 'dedupe', 'now', 'logger'],
    methods: true,
    cleanup: (monitor) => (monitor as { close?: () => unknown } | undefined)?.close?.(),
  },
  createNoopMonitor: { kind: 'runtime', valid: () => [], methods: true },
  createSeriesWindow: {
    kind: 'config',
    valid: () => [{ maxSeries: 10 }],
    keys: ['maxWindowMillis', 'stepMillis', 'maxSeries'],
  },
  defaultChecks: { kind: 'config', valid: () => [core.syntheticScenario(rule(), 'breach')] },
  defaultScenarioTests: { kind: 'config', valid: () => [[rule()]] },
  defineAlertRule: { kind: 'config', valid: () => [{ ...rule() }], keys: ruleKeys },
  defineCatalog: { kind: 'config', valid: () => [orderEvent] },
  defineEvent: {
    kind: 'config',
    valid: () => [eventDefinition()],
    keys: ['name', 'metric', 'schema', 'labels', 'idempotencyKey', 'ingest'],
  },
  formatDuration: { kind: 'config', valid: () => [60_000] },
  formatIssues: { kind: 'runtime', valid: () => [[{ message: 'bad', path: ['a', { key: 'b' }] }]] },
  formatMatchers: { kind: 'config', valid: () => [{ route: '/sites/:id' }] },
  // The wrappers return a function without calling it, so they must accept anything.
  guardConfig: { kind: 'runtime', valid: () => ['defineThing', () => 1] },
  guardRuntime: { kind: 'runtime', valid: () => [() => 1, () => 0] },
  histogramQuantile: {
    kind: 'runtime',
    valid: () => [
      0.95,
      [
        { le: 1, count: 2 },
        { le: Number.POSITIVE_INFINITY, count: 3 },
      ],
    ],
  },
  MonitorError: { kind: 'runtime', valid: () => ['message'], construct: true },
  prometheusRuleFile: { kind: 'config', valid: () => [[rule()], [], {}] },
  promtoolTestFile: {
    kind: 'config',
    valid: () => ['rules.yml', core.defaultScenarioTests([rule()])],
  },
  ruleAnnotations: { kind: 'config', valid: () => [rule()] },
  ruleLabels: { kind: 'config', valid: () => [rule()] },
  rulePromQl: { kind: 'config', valid: () => [rule()] },
  scrub: { kind: 'runtime', valid: () => [{ email: 'a@b.example', nested: { token: 't' } }] },
  scrubError: { kind: 'runtime', valid: () => [new Error('mail a@b.example', { cause: 'x' })] },
  scrubText: { kind: 'runtime', valid: () => ['https://x.example/?token=abc&mail=a@b.example'] },
  sourcePromQl: { kind: 'config', valid: () => [rule().source] },
  syntheticScenario: { kind: 'config', valid: () => [rule(), 'breach'] },
  toAlertingRule: { kind: 'config', valid: () => [rule()] },
  toYaml: { kind: 'config', valid: () => [{ groups: [{ name: 'a', rules: [] }] }] },
  validateEvent: { kind: 'runtime', valid: () => [orderEvent, { orderId: 'o-1' }, 1] },
};

describe('core public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(core, SPECS);
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, (core as unknown as Record<string, never>)[name] as never, spec);
    });
  }
});

describe('core monitor in development mode', () => {
  const monitor = () => createMonitor({ catalog, mode: 'development', logger: silent() });
  const cases: [string, (m: ReturnType<typeof monitor>) => unknown, string][] = [
    ['track with a number name', (m) => m.track(42 as never, {} as never), 'event name'],
    ['track with a null payload', (m) => m.track('order', null as never), 'order'],
    ['identify with a number', (m) => m.identify(42 as never), 'user'],
    ['identify without id', (m) => m.identify({} as never), 'user'],
    [
      'setContext with a symbol name',
      (m) => m.setContext(Symbol('x') as never, {}),
      'context name',
    ],
    ['setContext with a string context', (m) => m.setContext('page', 'x' as never), 'context'],
    ['setConsent with a number', (m) => m.setConsent(1 as never), 'consent'],
    [
      'captureError with a string context',
      (m) => m.captureError(new Error('x'), 'x' as never),
      'context',
    ],
    ['addSink with null', (m) => m.addSink(null as never), 'sink'],
  ];
  for (const [title, run, argument] of cases) {
    it(`raises one clear error for ${title}`, () => {
      expect(() => run(monitor())).toThrow(MonitorError);
      expect(() => run(monitor())).toThrow(argument);
    });
  }

  it('rejects a non-number flush timeout', async () => {
    await expect(monitor().flush('soon' as never)).rejects.toThrow(/timeout/);
  });
});
