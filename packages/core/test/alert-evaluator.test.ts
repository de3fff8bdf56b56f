import { describe, expect, it } from 'vitest';
import {
  type AlertRule,
  type AlertTimers,
  alertmanagerConfig,
  createAlertEvaluator,
  defineAlertRule,
  MonitorError,
} from '../src';

const rule = (overrides: Partial<AlertRule> = {}): AlertRule =>
  defineAlertRule({
    name: 'SlowApi',
    source: { kind: 'gauge', metric: 'latency_seconds', aggregation: 'max' },
    comparison: '>',
    threshold: 2,
    forMillis: 60_000,
    severity: 'warning',
    summary: 'API is slow.',
    response: 'Find the slow route.',
    ...overrides,
  });

function harness(rules: AlertRule[]) {
  let clock = 0;
  let value: number | null = 0;
  const evaluator = createAlertEvaluator({ rules, read: () => value, now: () => clock });
  const step = async (next: number | null) => {
    value = next;
    const transitions = await evaluator.evaluate();
    clock += 30_000;
    return transitions;
  };
  return { evaluator, step, status: () => evaluator.alerts()[0]?.status };
}

describe('createAlertEvaluator', () => {
  it('moves from pending to firing after for', async () => {
    const { step, status } = harness([rule()]);

    await step(3);
    expect(status()).toBe('pending');
    await step(3);
    expect(status()).toBe('pending');
    const transitions = await step(3);
    expect(status()).toBe('firing');
    expect(transitions.map((change) => `${change.from}>${change.to}`)).toEqual(['pending>firing']);
  });

  it('fires at once when for is zero', async () => {
    const { step, status } = harness([rule({ forMillis: 0 })]);

    await step(3);

    expect(status()).toBe('firing');
  });

  it('resolves when the condition clears', async () => {
    const { evaluator, step, status } = harness([rule({ forMillis: 0 })]);
    await step(3);

    const transitions = await step(1);

    expect(status()).toBe('inactive');
    expect(transitions[0]?.to).toBe('inactive');
    expect(evaluator.alerts()[0]?.resolvedAt).toBe(30_000);
  });

  it('drops a pending alert without firing', async () => {
    const { evaluator, step, status } = harness([rule()]);
    await step(3);

    await step(1);

    expect(status()).toBe('inactive');
    expect(evaluator.alerts()[0]?.resolvedAt).toBeNull();
  });

  it('keeps firing for the keep-firing time', async () => {
    const { step, status } = harness([rule({ forMillis: 0, keepFiringForMillis: 60_000 })]);
    await step(3);

    await step(1);
    expect(status()).toBe('firing');
    await step(1);
    expect(status()).toBe('firing');
    await step(1);
    expect(status()).toBe('inactive');
  });

  it('restarts the keep-firing time when the value returns', async () => {
    const { step, status } = harness([rule({ forMillis: 0, keepFiringForMillis: 60_000 })]);
    await step(3);
    await step(1);
    await step(3);
    await step(1);

    await step(1);

    expect(status()).toBe('firing');
  });

  it('treats missing data as clear', async () => {
    const { step, status } = harness([rule({ forMillis: 0 })]);
    await step(3);

    await step(null);

    expect(status()).toBe('inactive');
  });

  it('keeps the state when a read fails', async () => {
    let fail = false;
    const evaluator = createAlertEvaluator({
      rules: [rule({ forMillis: 0 })],
      read: () => {
        if (fail) throw new Error('registry closed');
        return 3;
      },
    });
    await evaluator.evaluate();
    fail = true;

    await evaluator.evaluate();

    expect(evaluator.alerts()[0]?.status).toBe('firing');
  });

  it('marks silenced alerts until the silence expires', async () => {
    const { evaluator, step } = harness([rule({ forMillis: 0 })]);
    const id = evaluator.addSilence({
      matchers: [{ name: 'alertname', value: 'Slow.*', isRegex: true }],
      endsAt: 60_000,
    });

    await step(3);
    expect(evaluator.alerts()[0]?.silencedBy).toBe(id);
    await step(3);
    await step(3);
    expect(evaluator.alerts()[0]?.silencedBy).toBeNull();
    expect(evaluator.silences()).toEqual([]);
  });

  it('removes a silence by id', async () => {
    const { evaluator, step } = harness([rule({ forMillis: 0 })]);
    const id = evaluator.addSilence({
      matchers: [{ name: 'severity', value: 'warning' }],
      endsAt: 1e12,
    });

    expect(evaluator.removeSilence(id)).toBe(true);
    await step(3);
    expect(evaluator.alerts()[0]?.silencedBy).toBeNull();
  });

  it('rejects a silence without matchers', () => {
    const { evaluator } = harness([rule()]);

    expect(() => evaluator.addSilence({ matchers: [], endsAt: 1 })).toThrow(/at least one matcher/);
  });

  it('serialises its state as JSON', async () => {
    const { evaluator, step } = harness([rule({ forMillis: 0, runbookUrl: 'https://x/r' })]);
    await step(3);

    const json = JSON.parse(JSON.stringify(evaluator));

    expect(json.alerts[0]).toMatchObject({
      name: 'SlowApi',
      status: 'firing',
      value: 3,
      labels: { alertname: 'SlowApi', severity: 'warning' },
      annotations: { runbook_url: 'https://x/r' },
    });
    expect(json.intervalMillis).toBe(30_000);
  });

  it('evaluates on the injected timer', async () => {
    const callbacks: (() => void)[] = [];
    const timers: AlertTimers = {
      setInterval: (callback) => callbacks.push(callback),
      clearInterval: () => callbacks.splice(0),
    };
    const evaluator = createAlertEvaluator({
      rules: [rule({ forMillis: 0 })],
      read: () => 5,
      timers,
    });

    evaluator.start();
    evaluator.start();
    callbacks[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(callbacks).toHaveLength(1);
    expect(evaluator.alerts()[0]?.status).toBe('firing');
    evaluator.stop();
    expect(callbacks).toHaveLength(0);
  });

  it('rejects an interval out of range', () => {
    expect(() => createAlertEvaluator({ rules: [], read: () => 0, intervalMillis: 10 })).toThrow(
      MonitorError,
    );
  });

  it('rejects duplicate rule names', () => {
    expect(() => createAlertEvaluator({ rules: [rule(), rule()], read: () => 0 })).toThrow(
      /Duplicate alert rule "SlowApi"/,
    );
  });
});

describe('defineAlertRule', () => {
  it('names the rule and the field in errors', () => {
    expect(() => rule({ threshold: Number.NaN })).toThrow(/"SlowApi": threshold NaN/);
    expect(() => rule({ forMillis: 1500 })).toThrow(/forMillis 1500/);
    expect(() => rule({ labels: { severity: 'x' } })).toThrow(/label "severity"/);
  });
});

describe('alertmanagerConfig checks', () => {
  const ladder = [{ afterMillis: 0, channels: ['ops'] }];
  const webhook = { kind: 'webhook' as const, name: 'ops', url: 'http://127.0.0.1:9/hook' };

  it.each([
    ['missing escalation', { channels: [webhook] }, /Missing escalation/],
    ['an unknown kind', { channels: [{ kind: 'sms', name: 'ops' }], escalation: {} }, /kind "sms"/],
    [
      'a nameless channel',
      { channels: [{ kind: 'webhook', url: 'http://x' }], escalation: {} },
      /no name/,
    ],
    ['a relative URL', { channels: [{ ...webhook, url: 'notaurl' }], escalation: {} }, /"notaurl"/],
    [
      'email without smarthost',
      { channels: [{ kind: 'email', name: 'm', to: 'a', from: 'b' }], escalation: {} },
      /"smarthost"/,
    ],
    [
      'a negative delay',
      { channels: [webhook], escalation: { critical: [{ afterMillis: -5, channels: ['ops'] }] } },
      /afterMillis -5/,
    ],
  ])('rejects %s', (_case, options, message) => {
    expect(() => alertmanagerConfig(options as never)).toThrow(message);
  });

  it('accepts a valid webhook ladder', () => {
    const config = alertmanagerConfig({ channels: [webhook], escalation: { critical: ladder } });

    expect(JSON.stringify(config)).toContain('http://127.0.0.1:9/hook');
  });
});
