import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertNotification,
  DeliveryError,
  emailChannel,
  pagerDutyChannel,
  slackChannel,
  slackMessage,
  type WebhookAlert,
  webhookChannel,
} from '../src';
import { startReceiver, startSmtpServer } from './alert-servers';

const alert = (name: string, status: 'firing' | 'resolved' = 'firing'): WebhookAlert => ({
  status,
  labels: { alertname: name, severity: 'critical' },
  annotations: {
    summary: `${name} is wrong.`,
    response: 'Fix it.',
    runbook_url: 'https://runbooks.test/x',
  },
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: status === 'resolved' ? '2026-01-01T00:10:00.000Z' : '0001-01-01T00:00:00Z',
  generatorURL: '',
  fingerprint: `fp-${name}`,
});

const notification = (alerts: WebhookAlert[] = [alert('SlowApi')]): AlertNotification => ({
  version: '4',
  groupKey: '{}:{"severity":"critical"}',
  truncatedAlerts: 0,
  status: alerts.every((item) => item.status === 'resolved') ? 'resolved' : 'firing',
  receiver: 'test',
  groupLabels: { severity: 'critical' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: '',
  alerts,
});

interface PagerDutyEvent {
  event_action: string;
  dedup_key: string;
  [key: string]: unknown;
}

const fast = { retries: 2, backoffMillis: 10, timeoutMillis: 2000 };

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('emailChannel', () => {
  it('delivers the message to a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    const channel = emailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      from: 'alerts@example.test',
      to: ['oncall@example.test', 'team@example.test'],
      ...fast,
    });

    await channel.send(notification([alert('SlowApi'), alert('PoorLcp')]));
    await smtp.close();

    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0];
    expect(message?.from).toBe('alerts@example.test');
    expect(message?.to).toEqual(['oncall@example.test', 'team@example.test']);
    expect(message?.raw).toContain('Subject: [FIRING:2] SlowApi, PoorLcp');
    expect(message?.raw).toContain('summary: PoorLcp is wrong.');
  });

  it('rejects after retries when nothing listens', async () => {
    const smtp = await startSmtpServer();
    await smtp.close();
    const channel = emailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      from: 'a@x.test',
      to: 'b@x.test',
      ...fast,
      retries: 1,
    });

    await expect(channel.send(notification())).rejects.toThrow(DeliveryError);
  });
});

describe('slackChannel', () => {
  it('posts Block Kit to the incoming webhook', async () => {
    receiver.requests.length = 0;
    const channel = slackChannel({ webhookUrl: `${receiver.url}/slack`, ...fast });

    await channel.send(notification());

    const body = receiver.requests[0]?.body as { text: string; blocks: { type: string }[] };
    expect(receiver.requests[0]?.headers['content-type']).toBe('application/json');
    expect(body.text).toContain('SlowApi');
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section']);
  });

  it('stays within the block and text limits', () => {
    const many = Array.from({ length: 400 }, (_, index) => ({
      ...alert(`Rule${index}`),
      annotations: { summary: 'x'.repeat(5000), response: 'y' },
    }));

    const message = slackMessage(notification(many)) as {
      blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    };

    const sections = message.blocks.filter((block) => block.type === 'section');
    const total = message.blocks.reduce((sum, block) => sum + (block.text?.text.length ?? 0), 0);

    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(total).toBeLessThanOrEqual(12_000);
    expect(message.blocks.at(-1)?.elements?.[0]?.text).toBe(
      `…and ${400 - sections.length} more alerts.`,
    );
    for (const block of sections) expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
  });

  it('fits 48 short alerts and counts the rest', () => {
    const many = Array.from({ length: 60 }, (_, index) => alert(`Rule${index}`));

    const message = slackMessage(notification(many)) as { blocks: { type: string }[] };

    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.filter((block) => block.type === 'section')).toHaveLength(48);
  });

  it('escapes mrkdwn control characters', () => {
    const message = slackMessage(
      notification([{ ...alert('A'), annotations: { summary: '<!channel> & co' } }]),
    ) as {
      blocks: { text: { text: string } }[];
    };

    expect(message.blocks[1]?.text.text).toContain('&lt;!channel&gt; &amp; co');
  });

  it('waits for Retry-After after a 429', async () => {
    receiver.requests.length = 0;
    receiver.script.push({ status: 429, headers: { 'retry-after': '1' } });
    const channel = slackChannel({ webhookUrl: `${receiver.url}/slack`, ...fast });
    const started = Date.now();

    await channel.send(notification());

    expect(receiver.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 and gives up after its retries', async () => {
    receiver.requests.length = 0;
    receiver.script.push({ status: 500 }, { status: 500 }, { status: 500 });
    const channel = slackChannel({ webhookUrl: `${receiver.url}/slack`, ...fast });

    await expect(channel.send(notification())).rejects.toThrow(/HTTP 500/);
    expect(receiver.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    receiver.requests.length = 0;
    receiver.script.push({ status: 400 });
    const channel = slackChannel({ webhookUrl: `${receiver.url}/slack`, ...fast });

    await expect(channel.send(notification())).rejects.toThrow(/HTTP 400/);
    expect(receiver.requests).toHaveLength(1);
  });

  it('rejects a URL that is not http', () => {
    expect(() => slackChannel({ webhookUrl: 'ftp://127.0.0.1/x' })).toThrow(/http or https/);
  });
});

describe('pagerDutyChannel', () => {
  it('triggers and resolves with one dedup key', async () => {
    receiver.requests.length = 0;
    const channel = pagerDutyChannel({
      url: `${receiver.url}/v2/enqueue`,
      routingKey: 'a'.repeat(32),
      source: 'api-test',
      ...fast,
    });

    await channel.send(notification([alert('SlowApi')]));
    await channel.send(notification([alert('SlowApi', 'resolved')]));

    const [trigger, resolve] = receiver.requests.map((request) => request.body) as PagerDutyEvent[];
    expect(trigger).toMatchObject({
      routing_key: 'a'.repeat(32),
      event_action: 'trigger',
      payload: { summary: 'SlowApi: SlowApi is wrong.', source: 'api-test', severity: 'critical' },
      links: [{ href: 'https://runbooks.test/x', text: 'Runbook' }],
    });
    expect(resolve).toEqual({
      routing_key: 'a'.repeat(32),
      event_action: 'resolve',
      dedup_key: trigger?.dedup_key,
    });
    expect(trigger?.dedup_key).toBe('4site-fp-SlowApi');
  });
});

describe('webhookChannel', () => {
  it('posts the Alertmanager webhook JSON', async () => {
    receiver.requests.length = 0;
    const channel = webhookChannel({ url: `${receiver.url}/hook`, ...fast });
    const sent = notification();

    await channel.send(sent);

    expect(receiver.requests[0]?.url).toBe('/hook');
    expect(receiver.requests[0]?.body).toEqual(sent);
  });
});
