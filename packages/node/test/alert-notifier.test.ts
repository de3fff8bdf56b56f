import { type AlertRule, createAlertEvaluator, type EscalationPolicies } from '@4site/monitor-core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { type AlertChannel, type AlertNotification, createAlertNotifier } from '../src';

const rule = (name: string, severity: 'critical' | 'warning' = 'critical'): AlertRule => ({
  name,
  source: { kind: 'gauge', metric: `${name.toLowerCase()}_value`, aggregation: 'max' },
  comparison: '>',
  threshold: 1,
  severity,
  summary: `${name} is high.`,
  response: 'Look at it.',
});

/** A channel that records notifications and fails while `failing` is set. */
function recorder(name: string) {
  const sent: AlertNotification[] = [];
  const channel: AlertChannel & { sent: AlertNotification[]; failing: boolean } = {
    name,
    kind: 'custom',
    sent,
    failing: false,
    async send(notification) {
      if (channel.failing) throw new Error(`${name} is down`);
      sent.push(notification);
    },
  };
  return channel;
}

function setup(rules: AlertRule[], escalation: EscalationPolicies, names: string[], extra = {}) {
  let clock = 0;
  const values = new Map<string, number>();
  const channels = names.map(recorder);
  const registry = new Registry();
  const notifier = createAlertNotifier({ channels, escalation, registry, ...extra });
  const evaluator = createAlertEvaluator({
    rules,
    now: () => clock,
    read: (source) => ('metric' in source ? (values.get(source.metric) ?? 0) : null),
    onEvaluated: notifier.update,
  });
  const at = async (minute: number, set: Record<string, number> = {}) => {
    clock = minute * 60_000;
    for (const [metric, value] of Object.entries(set)) values.set(metric, value);
    await evaluator.evaluate();
  };
  const byName = Object.fromEntries(channels.map((channel) => [channel.name, channel]));
  return { at, channels: byName, registry, evaluator };
}

const ladder: EscalationPolicies = {
  critical: [
    { afterMillis: 0, channels: ['slack'] },
    { afterMillis: 10 * 60_000, channels: ['pager'] },
  ],
  warning: [{ afterMillis: 0, channels: ['mail'] }],
};

describe('createAlertNotifier', () => {
  it('escalates a still-firing alert after the delay', async () => {
    const { at, channels } = setup([rule('Down')], ladder, ['slack', 'pager', 'mail']);

    await at(0, { down_value: 5 });
    expect(channels.slack?.sent).toHaveLength(1);
    expect(channels.pager?.sent).toHaveLength(0);
    await at(5);
    expect(channels.pager?.sent).toHaveLength(0);
    await at(10);
    expect(channels.pager?.sent).toHaveLength(1);
    expect(channels.slack?.sent).toHaveLength(1);
  });

  it('routes by severity', async () => {
    const { at, channels } = setup([rule('Slow', 'warning')], ladder, ['slack', 'pager', 'mail']);

    await at(0, { slow_value: 5 });

    expect(channels.mail?.sent).toHaveLength(1);
    expect(channels.slack?.sent).toHaveLength(0);
  });

  it('sends a resolve to every channel that saw the alert', async () => {
    const { at, channels } = setup([rule('Down')], ladder, ['slack', 'pager', 'mail']);
    await at(0, { down_value: 5 });
    await at(10);

    await at(11, { down_value: 0 });

    expect(channels.slack?.sent.at(-1)?.status).toBe('resolved');
    expect(channels.pager?.sent.at(-1)?.status).toBe('resolved');
    expect(channels.pager?.sent.at(-1)?.alerts[0]?.endsAt).toBe('1970-01-01T00:11:00.000Z');
    expect(channels.mail?.sent).toHaveLength(0);
  });

  it('moves on at once when a step fails', async () => {
    const { at, channels, registry } = setup([rule('Down')], ladder, ['slack', 'pager', 'mail']);
    (channels.slack as { failing: boolean }).failing = true;

    await at(0, { down_value: 5 });

    expect(channels.pager?.sent).toHaveLength(1);
    const failed = await registry
      .getSingleMetric('foursite_alert_notifications_failed_total')
      ?.get();
    expect(failed?.values).toEqual([{ labels: { channel: 'slack' }, value: 1 }]);
  });

  it('retries a failed last step at the next evaluation', async () => {
    const { at, channels } = setup([rule('Slow', 'warning')], ladder, ['slack', 'pager', 'mail']);
    (channels.mail as { failing: boolean }).failing = true;
    await at(0, { slow_value: 5 });
    expect(channels.mail?.sent).toHaveLength(0);
    (channels.mail as { failing: boolean }).failing = false;

    await at(1);

    expect(channels.mail?.sent).toHaveLength(1);
    expect(channels.mail?.sent[0]?.status).toBe('firing');
  });

  it('groups alerts of one severity into one notification', async () => {
    const { at, channels } = setup([rule('A'), rule('B')], ladder, ['slack', 'pager', 'mail']);

    await at(0, { a_value: 5, b_value: 5 });

    expect(channels.slack?.sent).toHaveLength(1);
    expect(channels.slack?.sent[0]?.alerts.map((alert) => alert.labels.alertname)).toEqual([
      'A',
      'B',
    ]);
    expect(channels.slack?.sent[0]?.groupLabels).toEqual({ severity: 'critical' });
  });

  it('repeats after the repeat interval only', async () => {
    const { at, channels } = setup(
      [rule('Down')],
      { critical: [{ afterMillis: 0, channels: ['slack'] }] },
      ['slack'],
      {
        repeatIntervalMillis: 30 * 60_000,
      },
    );

    await at(0, { down_value: 5 });
    await at(20);
    expect(channels.slack?.sent).toHaveLength(1);
    await at(30);
    expect(channels.slack?.sent).toHaveLength(2);
  });

  it('sends nothing for a silenced alert', async () => {
    const { at, channels, evaluator } = setup([rule('Down')], ladder, ['slack', 'pager', 'mail']);
    evaluator.addSilence({ matchers: [{ name: 'alertname', value: 'Down' }], endsAt: 60 * 60_000 });

    await at(0, { down_value: 5 });
    await at(15);

    expect(channels.slack?.sent).toHaveLength(0);
    expect(channels.pager?.sent).toHaveLength(0);
  });

  it('rejects an escalation step with an unknown channel', () => {
    expect(() =>
      createAlertNotifier({
        channels: [],
        escalation: { critical: [{ afterMillis: 0, channels: ['sms'] }] },
      }),
    ).toThrow(/channel "sms"/);
  });
});
