import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run';

const dir = mkdtempSync(join(tmpdir(), 'foursite-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);
const run = (...args: string[]) => runCli(args, () => true);
const tool = (command: string, ...args: string[]) =>
  execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

describe('4site-monitor CLI', () => {
  it('writes rules that promtool checks and tests', async () => {
    const code = await run('rules', '--out', file('rules.yml'), '--tests', file('rules.test.yml'));

    expect(code).toBe(0);
    expect(tool('promtool', 'check', 'rules', file('rules.yml'))).toContain(
      'SUCCESS: 21 rules found',
    );
    expect(tool('promtool', 'test', 'rules', file('rules.test.yml'))).toContain('SUCCESS');
  }, 60_000);

  it('loads rules from a module', async () => {
    writeFileSync(
      file('team-rules.mjs'),
      `export default [{ name: 'NoLeads', source: { kind: 'increase', metric: 'foursite_leads_total', windowMillis: 3600000 }, comparison: '<', threshold: 1, severity: 'info', summary: 'No leads.', response: 'Check the form.' }];`,
    );

    const code = await run(
      'rules',
      '--rules-module',
      file('team-rules.mjs'),
      '--out',
      file('team.yml'),
    );

    expect(code).toBe(0);
    expect(readFileSync(file('team.yml'), 'utf8')).toContain('alert: "NoLeads"');
    expect(tool('promtool', 'check', 'rules', file('team.yml'))).toContain('SUCCESS');
  });

  it('writes an Alertmanager config that amtool accepts', async () => {
    const config = {
      channels: [
        { kind: 'webhook', name: 'hook', url: 'http://127.0.0.1:9/hook' },
        {
          kind: 'slack',
          name: 'slack',
          webhookUrl: 'http://127.0.0.1:9/slack',
          channel: '#alerts',
        },
        {
          kind: 'pagerduty',
          name: 'pager',
          routingKey: 'k'.repeat(32),
          url: 'http://127.0.0.1:9/pd',
        },
        {
          kind: 'email',
          name: 'mail',
          to: 'oncall@example.test',
          from: 'am@example.test',
          smarthost: '127.0.0.1:25',
          requireTls: false,
        },
      ],
      escalation: {
        critical: [
          { afterMillis: 0, channels: ['slack', 'hook'] },
          { afterMillis: 900000, channels: ['pager', 'mail'] },
        ],
        warning: [{ afterMillis: 0, channels: ['slack'] }],
      },
    };
    writeFileSync(file('alerting.json'), JSON.stringify(config));

    const code = await run(
      'alertmanager',
      '--config',
      file('alerting.json'),
      '--out',
      file('am.yml'),
    );
    const text = readFileSync(file('am.yml'), 'utf8');

    expect(code).toBe(0);
    expect(tool('amtool', 'check-config', file('am.yml'))).toContain('SUCCESS');
    expect(text).toContain('name: "critical-step-1"');
    expect(text).toContain('group_wait: "15m"');
  });

  it('reports an unknown channel in the escalation', async () => {
    writeFileSync(
      file('bad.json'),
      JSON.stringify({
        channels: [],
        escalation: { critical: [{ afterMillis: 0, channels: ['sms'] }] },
      }),
    );

    const code = await run('alertmanager', '--config', file('bad.json'), '--out', file('bad.yml'));

    expect(code).toBe(1);
  });

  it('writes a dashboard with three rows', async () => {
    const code = await run('dashboard', '--out', file('dashboard.json'), '--prefix', 'acme');
    const dashboard = JSON.parse(readFileSync(file('dashboard.json'), 'utf8'));

    expect(code).toBe(0);
    expect(dashboard.panels.filter((panel: { type: string }) => panel.type === 'row')).toHaveLength(
      3,
    );
    expect(JSON.stringify(dashboard)).toContain('acme_auth_failures_total');
  });

  it('rejects a prefix that starts with a digit', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);

    const code = await run('rules', '--prefix', '9bad', '--out', file('bad.yml'));

    expect(code).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('Invalid --prefix "9bad"');
    stderr.mockRestore();
  });

  it('rejects an unknown command', async () => {
    expect(await run('deploy')).toBe(1);
  });
});
