import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlertRule,
  createAlertEvaluator,
  createSeriesWindow,
  promtoolTestFile,
  type ScenarioTest,
  SYNTHETIC_STEP_MILLIS,
  type SyntheticScenario,
  syntheticScenario,
  toYaml,
} from '@4site/monitor-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fourSiteAlertRules, fourSiteRuleFileYaml } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'foursite-same-answer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a scenario through the in-process evaluator and returns whether it fires at each step. */
async function evaluateInProcess(scenario: SyntheticScenario): Promise<boolean[]> {
  const window = createSeriesWindow({
    maxWindowMillis: 2 * 3_600_000,
    stepMillis: SYNTHETIC_STEP_MILLIS,
  });
  let at = 0;
  const evaluator = createAlertEvaluator({
    rules: [scenario.rule],
    now: () => at,
    // KPI sources are the recorded series, which the scenario sets directly.
    read: (source, time) =>
      source.kind === 'kpi'
        ? window.read({ kind: 'gauge', metric: source.record, aggregation: 'sum' }, time)
        : window.read(source, time),
  });
  const firing: boolean[] = [];
  for (const [step, samples] of scenario.steps.entries()) {
    at = step * SYNTHETIC_STEP_MILLIS;
    window.record(at, samples);
    await evaluator.evaluate();
    firing.push(evaluator.alerts()[0]?.status === 'firing');
  }
  return firing;
}

describe('in-process evaluator and promtool', () => {
  const rules: readonly AlertRule[] = fourSiteAlertRules();

  it('fire and resolve at the same steps for every default rule', async () => {
    const tests: ScenarioTest[] = [];
    for (const rule of rules) {
      const breach = syntheticScenario(rule, 'breach');
      const calm = syntheticScenario(rule, 'calm');
      const breachFiring = await evaluateInProcess(breach);
      const calmFiring = await evaluateInProcess(calm);

      expect(breachFiring.includes(true), `${rule.name} fires in process`).toBe(true);
      expect(breachFiring.at(-1), `${rule.name} resolves in process`).toBe(false);
      expect(calmFiring.includes(true), `${rule.name} stays silent in process`).toBe(false);
      for (const [scenario, firing] of [
        [breach, breachFiring],
        [calm, calmFiring],
      ] as const) {
        tests.push({ scenario, checks: firing.map((value, step) => ({ step, firing: value })) });
      }
    }
    writeFileSync(join(dir, 'rules.yml'), fourSiteRuleFileYaml(rules));
    writeFileSync(join(dir, 'steps.test.yml'), toYaml(promtoolTestFile('rules.yml', tests)));

    const output = execFileSync('promtool', ['test', 'rules', 'steps.test.yml'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });

    expect(output).toContain('SUCCESS');
  }, 120_000);
});
