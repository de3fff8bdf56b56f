import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitorError, rulePromQl, toYaml } from '@4site/monitor-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_RULE_NAMES,
  fourSiteAlertRules,
  fourSiteDashboard,
  fourSiteRuleFileYaml,
  fourSiteRuleTestsYaml,
  kpiRecordName,
} from '../src';

const dir = mkdtempSync(join(tmpdir(), 'foursite-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): string {
  return execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

describe('fourSiteAlertRules', () => {
  it('returns the thirteen default rules', () => {
    const rules = fourSiteAlertRules();

    expect(rules.map((rule) => rule.name)).toEqual([...DEFAULT_ALERT_RULE_NAMES]);
  });

  it('keeps the thresholds of the default table', () => {
    const byName = new Map(fourSiteAlertRules().map((rule) => [rule.name, rule]));

    expect(byName.get('ViralCoefficientDrop')?.threshold).toBe(0.5);
    expect(byName.get('ViralCoefficientCritical')?.threshold).toBe(0.2);
    expect(byName.get('LowLeadCaptureRate')?.threshold).toBe(0.02);
    expect(byName.get('SiteGenerationFailures')?.threshold).toBe(10);
    expect(byName.get('HighBounceRate')?.threshold).toBe(0.7);
    expect(byName.get('PoorLcp')?.threshold).toBe(2.5);
    expect(byName.get('SlowApi')?.threshold).toBe(2);
    expect(byName.get('SlowSiteGeneration')?.threshold).toBe(30);
    expect(byName.get('SlowDatabaseQueries')?.threshold).toBe(1);
    expect(byName.get('FailedAuthAttempts')?.threshold).toBe(100);
    expect(byName.get('RateLimitViolations')?.threshold).toBe(50);
    expect(byName.get('TlsCertificateExpiring')?.threshold).toBe(30 * 86_400);
    expect(byName.get('TlsCertificateExpiringSoon')?.threshold).toBe(7 * 86_400);
    expect(byName.get('TlsCertificateExpiringSoon')?.severity).toBe('critical');
  });

  it('applies overrides, disables and additions', () => {
    const rules = fourSiteAlertRules({
      overrides: { SlowApi: { threshold: 1.5 } },
      disable: ['PoorLcp'],
      add: [
        {
          name: 'NoSignups',
          source: { kind: 'increase', metric: 'foursite_leads_total', windowMillis: 3_600_000 },
          comparison: '<',
          threshold: 1,
          severity: 'info',
          summary: 'No leads in an hour.',
          response: 'Check the sign-up form.',
        },
      ],
    });
    const names = rules.map((rule) => rule.name);

    expect(rules.find((rule) => rule.name === 'SlowApi')?.threshold).toBe(1.5);
    expect(names).not.toContain('PoorLcp');
    expect(names.at(-1)).toBe('NoSignups');
  });

  it('rejects an unknown rule name', () => {
    const disable = ['SlowAPI'] as unknown as ['SlowApi'];

    expect(() => fourSiteAlertRules({ disable })).toThrow(MonitorError);
    expect(() => fourSiteAlertRules({ disable })).toThrow(/SlowAPI/);
  });

  it('uses the prefix in every expression', () => {
    const rules = fourSiteAlertRules({ prefix: 'acme' });
    const expressions = rules.map(rulePromQl).join('\n');

    expect(expressions).toContain('acme:viral_coefficient:ratio_1h');
    expect(expressions).toContain('acme_site_generations_total{outcome="failure"}');
    expect(expressions).not.toContain('foursite');
  });

  it('names KPI series by level, metric and operation', () => {
    expect(kpiRecordName('viralCoefficient')).toBe('foursite:viral_coefficient:ratio_1h');
    expect(kpiRecordName('leadQuality', { windowMillis: 900_000 })).toBe(
      'foursite:lead_quality:mean_15m',
    );
  });
});

describe('generated rule files', () => {
  it('pass promtool check rules', () => {
    writeFileSync(join(dir, 'rules.yml'), fourSiteRuleFileYaml(fourSiteAlertRules()));

    const output = promtool('check', 'rules', 'rules.yml');

    expect(output).toMatch(/SUCCESS: 21 rules found/);
  });

  it('pass promtool test rules for every default rule', () => {
    const rules = fourSiteAlertRules();
    writeFileSync(join(dir, 'rules.yml'), fourSiteRuleFileYaml(rules));
    writeFileSync(join(dir, 'rules.test.yml'), fourSiteRuleTestsYaml(rules, 'rules.yml'));

    const output = promtool('test', 'rules', 'rules.test.yml');

    expect(output).toContain('SUCCESS');
  });

  it('fail promtool tests when a threshold drifts', () => {
    const rules = fourSiteAlertRules();
    const drifted = fourSiteAlertRules({ overrides: { SlowApi: { threshold: 100 } } });
    writeFileSync(join(dir, 'drift.yml'), fourSiteRuleFileYaml(drifted));
    writeFileSync(join(dir, 'drift.test.yml'), fourSiteRuleTestsYaml(rules, 'drift.yml'));

    expect(() => promtool('test', 'rules', 'drift.test.yml')).toThrow(/SlowApi/);
  });
});

describe('fourSiteDashboard', () => {
  const dashboard = fourSiteDashboard() as {
    panels: { id: number; type: string; title: string; targets?: { expr: string }[] }[];
  };

  it('has business, performance and security rows', () => {
    const rows = dashboard.panels
      .filter((panel) => panel.type === 'row')
      .map((panel) => panel.title);

    expect(rows).toEqual(['Business', 'Performance', 'Security']);
  });

  it('gives every panel a unique id', () => {
    const ids = dashboard.panels.map((panel) => panel.id);

    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only valid PromQL', () => {
    const expressions = dashboard.panels
      .flatMap((panel) => panel.targets ?? [])
      .map((target) => target.expr);
    const rules = expressions.map((expr, index) => ({ record: `panel:check:${index}`, expr }));
    writeFileSync(join(dir, 'panels.yml'), toYaml({ groups: [{ name: 'panels', rules }] }));

    const output = promtool('check', 'rules', 'panels.yml');

    expect(expressions.length).toBeGreaterThan(15);
    expect(output).toContain(`SUCCESS: ${expressions.length} rules found`);
  });
});
