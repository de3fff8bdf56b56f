import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fourSiteAlertRules, trackReferral, trackSiteGenerated } from '@4site/monitor-business';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAlerting,
  createNodeMonitor,
  emailChannel,
  pagerDutyChannel,
  slackChannel,
  webhookChannel,
} from '../src';
import { startReceiver, startSmtpServer } from './alert-servers';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);
let clock = START;

let slack: Awaited<ReturnType<typeof startReceiver>>;
let pagerDuty: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  [slack, pagerDuty, smtp] = await Promise.all([
    startReceiver(),
    startReceiver(),
    startSmtpServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([slack.close(), pagerDuty.close(), smtp.close()]);
});

const slackAlerts = () => slack.requests.map((request) => (request.body as { text: string }).text);
const pagerDutyEvents = (name: string) =>
  pagerDuty.requests
    .map(
      (request) =>
        request.body as { event_action: string; dedup_key: string; payload?: { summary: string } },
    )
    .filter((event) => event.event_action === 'resolve' || event.payload?.summary.startsWith(name));

describe('createAlerting', () => {
  it('notifies, escalates and resolves through real receivers', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false }, now: () => clock });
    const delivery = { retries: 1, backoffMillis: 10, timeoutMillis: 2000 };
    const alerting = createAlerting(monitor, {
      start: false,
      now: () => clock,
      channels: [
        slackChannel({ webhookUrl: `${slack.url}/hook`, ...delivery }),
        pagerDutyChannel({
          url: `${pagerDuty.url}/v2/enqueue`,
          routingKey: 'k'.repeat(32),
          ...delivery,
        }),
        emailChannel({
          host: '127.0.0.1',
          port: smtp.port,
          from: 'alerts@example.test',
          to: 'oncall@example.test',
          ...delivery,
        }),
      ],
      escalation: {
        warning: [
          { afterMillis: 0, channels: ['slack', 'email'] },
          { afterMillis: 10 * MINUTE, channels: ['pagerduty'] },
        ],
      },
      groupBy: ['alertname'],
    });
    const evaluateAt = async (minute: number) => {
      clock = START + minute * MINUTE;
      await alerting.evaluate();
    };
    const status = () =>
      alerting.evaluator.alerts().find((alert) => alert.name === 'SiteGenerationFailures')?.status;

    await evaluateAt(0);
    for (let index = 0; index < 12; index += 1) {
      trackSiteGenerated(monitor, {
        generationId: `g${index}`,
        outcome: 'failure',
        durationSeconds: 1,
      });
    }
    await evaluateAt(1);
    expect(status()).toBe('pending');
    for (let minute = 2; minute <= 6; minute += 1) await evaluateAt(minute);
    expect(status()).toBe('firing');
    expect(slackAlerts().some((text) => text.startsWith('[FIRING:1] SiteGenerationFailures'))).toBe(
      true,
    );
    expect(
      smtp.messages.some((mail) => mail.raw.includes('[FIRING:1] SiteGenerationFailures')),
    ).toBe(true);
    expect(pagerDutyEvents('SiteGenerationFailures')).toHaveLength(0);

    for (let minute = 7; minute <= 16; minute += 1) await evaluateAt(minute);
    const [trigger] = pagerDutyEvents('SiteGenerationFailures');
    expect(trigger?.event_action).toBe('trigger');

    for (let minute = 17; minute <= 61; minute += 1) await evaluateAt(minute);
    expect(status()).toBe('inactive');
    expect(
      slackAlerts().some((text) => text.startsWith('[RESOLVED:1] SiteGenerationFailures')),
    ).toBe(true);
    expect(
      smtp.messages.some((mail) => mail.raw.includes('[RESOLVED:1] SiteGenerationFailures')),
    ).toBe(true);
    expect(pagerDutyEvents('SiteGenerationFailures').at(-1)).toEqual({
      routing_key: 'k'.repeat(32),
      event_action: 'resolve',
      dedup_key: trigger?.dedup_key,
    });
    await monitor.close();
  }, 60_000);

  it('fires and resolves a KPI rule from the KPI window', async () => {
    clock = START;
    const hook = await startReceiver();
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false }, now: () => clock });
    const rules = fourSiteAlertRules().filter((rule) => rule.name === 'ViralCoefficientDrop');
    const alerting = createAlerting(monitor, {
      start: false,
      now: () => clock,
      rules,
      channels: [webhookChannel({ url: `${hook.url}/alerts`, retries: 0 })],
    });
    const evaluateAt = async (minute: number) => {
      clock = START + minute * MINUTE;
      await alerting.evaluate();
    };
    const statuses = () =>
      hook.requests.map((request) => (request.body as { status: string }).status);

    for (let index = 0; index < 10; index += 1) {
      trackSiteGenerated(monitor, {
        generationId: `s${index}`,
        outcome: 'success',
        durationSeconds: 5,
      });
    }
    trackReferral(monitor, { referralId: 'r0' });
    await evaluateAt(0);
    expect(alerting.evaluator.alerts()[0]?.value).toBeCloseTo(0.1);
    await evaluateAt(29);
    expect(statuses()).toEqual([]);
    await evaluateAt(30);
    expect(statuses()).toEqual(['firing']);

    for (let index = 1; index <= 10; index += 1)
      trackReferral(monitor, { referralId: `r${index}` });
    await evaluateAt(31);
    expect(alerting.evaluator.alerts()[0]?.status).toBe('firing');
    await evaluateAt(41);
    expect(statuses()).toEqual(['firing', 'resolved']);
    await hook.close();
    await monitor.close();
  });

  it('serves its state at the alerts endpoint', async () => {
    const monitor = createNodeMonitor({ prometheus: { defaultMetrics: false } });
    const alerting = createAlerting(monitor, { start: false });
    await alerting.evaluate();
    const server = createServer(alerting.stateHandler).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/monitor/alerts`;

    const response = await fetch(url);
    const body = (await response.json()) as { alerts: { name: string; status: string }[] };
    const post = await fetch(url, { method: 'POST' });
    server.close();
    await monitor.close();

    expect(response.headers.get('content-type')).toContain('application/json');
    expect(body.alerts).toHaveLength(13);
    expect(body.alerts.every((alert) => alert.status === 'inactive')).toBe(true);
    expect(post.status).toBe(405);
  });
});
