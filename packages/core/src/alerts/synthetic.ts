import type { AlertRule, AlertSource } from './rule';
import type { Sample } from './series-window';

/** Time between two synthetic samples and between two evaluations: one minute. */
export const SYNTHETIC_STEP_MILLIS = 60_000;

/** Series that push a rule's source past its threshold (`breach`) and back, or keep it clear (`calm`). */
export interface SyntheticScenario {
  readonly rule: AlertRule;
  readonly kind: 'breach' | 'calm';
  /** Steps with the source past the threshold; 0 for `calm`. */
  readonly breachSteps: number;
  readonly totalSteps: number;
  /** Samples at each step, index 0 at time 0. */
  readonly steps: readonly (readonly Sample[])[];
}

const stepsOf = (millis: number | undefined) => Math.ceil((millis ?? 0) / SYNTHETIC_STEP_MILLIS);

const windowOf = (source: AlertSource) => ('windowMillis' in source ? source.windowMillis : 0);

/**
 * Builds synthetic series for a rule: past the threshold for window + `for` + 5 steps, then clear
 * for window + keep-firing + 5 steps. Counters start at 0 and grow by a constant amount per step,
 * so both PromQL and the in-process window compute the same exact increase.
 */
export function syntheticScenario(rule: AlertRule, kind: 'breach' | 'calm'): SyntheticScenario {
  const window = stepsOf(windowOf(rule.source));
  const breachSteps = kind === 'breach' ? window + stepsOf(rule.forMillis) + 5 : 0;
  const clearSteps = window + stepsOf(rule.keepFiringForMillis) + 5;
  const totalSteps =
    (kind === 'breach' ? breachSteps : window + stepsOf(rule.forMillis) + 5) + clearSteps;
  const builder = seriesBuilder(rule, Math.max(window, 1));
  const totals = new Map<string, number>();
  const steps: Sample[][] = [];
  for (let step = 0; step < totalSteps; step += 1) {
    const target = targetValue(rule, step < breachSteps);
    steps.push(builder(target, step, totals));
  }
  return { rule, kind, breachSteps, totalSteps, steps };
}

/** A value past the threshold (`breach`) or safely on the clear side of it. */
function targetValue(rule: AlertRule, breach: boolean): number {
  const margin = rule.threshold !== 0 ? Math.abs(rule.threshold) / 2 : 1;
  const above = rule.comparison === '>' || rule.comparison === '>=';
  return above === breach ? rule.threshold + margin : rule.threshold - margin;
}

type StepBuilder = (target: number, step: number, totals: Map<string, number>) => Sample[];

/** Returns a counter sample that grew by `increment` at this step (0 at step 0). */
function counter(
  totals: Map<string, number>,
  name: string,
  labels: Record<string, string>,
  increment: number,
  step: number,
): Sample {
  const key = `${name}${JSON.stringify(labels)}`;
  const value = step === 0 ? 0 : (totals.get(key) ?? 0) + increment;
  totals.set(key, value);
  return { name, labels, value };
}

function seriesBuilder(rule: AlertRule, windowSteps: number): StepBuilder {
  const source = rule.source;
  switch (source.kind) {
    case 'kpi':
      return (target) => [{ name: source.record, labels: {}, value: target }];
    case 'gauge':
      return (target) => [{ name: source.metric, labels: { ...source.matchers }, value: target }];
    case 'increase':
      return (target, step, totals) => [
        counter(totals, source.metric, { ...source.matchers }, target / windowSteps, step),
      ];
    case 'ratio':
      return (target, step, totals) => [
        counter(
          totals,
          source.numerator.metric,
          { ...source.numerator.matchers },
          target * 10,
          step,
        ),
        counter(totals, source.denominator.metric, { ...source.denominator.matchers }, 10, step),
      ];
    case 'mean':
      return (target, step, totals) => [
        counter(totals, `${source.metric}_sum`, { ...source.matchers }, target, step),
        counter(totals, `${source.metric}_count`, { ...source.matchers }, 1, step),
      ];
    case 'quantile':
      return quantileBuilder(rule.threshold, source.metric, { ...source.matchers });
  }
}

/**
 * Puts ten observations per step either all in the lowest bucket (at most half the threshold) or
 * all in a bucket above 1.5 times the threshold, so any quantile lands on one side of it.
 */
function quantileBuilder(
  threshold: number,
  metric: string,
  labels: Record<string, string>,
): StepBuilder {
  const edges = [threshold / 2, threshold, threshold * 1.5, threshold * 3];
  return (target, step, totals) => {
    const high = target > threshold;
    const samples = edges.map((edge, index) => {
      const increment = high ? (index === edges.length - 1 ? 10 : 0) : 10;
      return counter(totals, `${metric}_bucket`, { ...labels, le: String(edge) }, increment, step);
    });
    samples.push(counter(totals, `${metric}_bucket`, { ...labels, le: '+Inf' }, 10, step));
    return samples;
  };
}
