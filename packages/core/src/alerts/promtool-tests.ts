import { formatDuration } from './duration';
import { ruleAnnotations, ruleLabels } from './prometheus-rules';
import type { AlertRule } from './rule';
import type { Sample } from './series-window';
import { SYNTHETIC_STEP_MILLIS, type SyntheticScenario, syntheticScenario } from './synthetic';
import type { YamlObject } from './yaml';

/** One expectation: whether the rule's alert is firing at an evaluation step. */
export interface FiringCheck {
  readonly step: number;
  readonly firing: boolean;
}

/** A scenario and the steps at which promtool checks it. */
export interface ScenarioTest {
  readonly scenario: SyntheticScenario;
  readonly checks: readonly FiringCheck[];
}

/**
 * Returns the default checks of a scenario: not yet firing at step 0 (when `for` is at least a
 * step), firing at the last breach step, and resolved at the last step.
 */
export function defaultChecks(scenario: SyntheticScenario): FiringCheck[] {
  const last = scenario.totalSteps - 1;
  if (scenario.kind === 'calm') {
    return [
      { step: 0, firing: false },
      { step: Math.floor(last / 2), firing: false },
      { step: last, firing: false },
    ];
  }
  const checks: FiringCheck[] = [];
  if ((scenario.rule.forMillis ?? 0) >= SYNTHETIC_STEP_MILLIS)
    checks.push({ step: 0, firing: false });
  checks.push({ step: scenario.breachSteps - 1, firing: true }, { step: last, firing: false });
  return checks;
}

/** Returns the breach and calm tests of every rule with the default checks. */
export function defaultScenarioTests(rules: readonly AlertRule[]): ScenarioTest[] {
  return rules.flatMap((rule) =>
    (['breach', 'calm'] as const).map((kind) => {
      const scenario = syntheticScenario(rule, kind);
      return { scenario, checks: defaultChecks(scenario) };
    }),
  );
}

const selector = (sample: Sample) => {
  const labels = Object.entries(sample.labels).map(
    ([name, value]) => `${name}=${JSON.stringify(value)}`,
  );
  return labels.length > 0 ? `${sample.name}{${labels.join(',')}}` : sample.name;
};

/** Converts a scenario's steps to promtool `input_series`, one value per step. */
function inputSeries(scenario: SyntheticScenario): YamlObject[] {
  const series = new Map<string, number[]>();
  for (const samples of scenario.steps) {
    for (const sample of samples) {
      const key = selector(sample);
      series.set(key, [...(series.get(key) ?? []), sample.value]);
    }
  }
  return [...series].map(([name, values]) => ({ series: name, values: values.join(' ') }));
}

function toTestCase({ scenario, checks }: ScenarioTest): YamlObject {
  const rule = scenario.rule;
  const alert = { exp_labels: ruleLabels(rule), exp_annotations: ruleAnnotations(rule) };
  return {
    name: `${rule.name} ${scenario.kind}`,
    interval: formatDuration(SYNTHETIC_STEP_MILLIS),
    input_series: inputSeries(scenario),
    alert_rule_test: checks.map((check) => ({
      eval_time: formatDuration(check.step * SYNTHETIC_STEP_MILLIS),
      alertname: rule.name,
      exp_alerts: check.firing ? [alert] : [],
    })),
  };
}

/** Builds a promtool unit-test file (`promtool test rules FILE`) for the rule file at `ruleFile`. */
export function promtoolTestFile(ruleFile: string, tests: readonly ScenarioTest[]): YamlObject {
  return {
    rule_files: [ruleFile],
    evaluation_interval: formatDuration(SYNTHETIC_STEP_MILLIS),
    tests: tests.map(toTestCase),
  };
}
