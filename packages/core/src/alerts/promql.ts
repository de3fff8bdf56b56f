import { formatDuration } from './duration';
import type { AlertRule, AlertSource, LabelMatchers } from './rule';

/** Formats label matchers as a PromQL selector body, such as `{outcome="failure"}`. */
export function formatMatchers(matchers: LabelMatchers | undefined): string {
  const entries = Object.entries(matchers ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(',')}}`;
}

const sumIncrease = (metric: string, matchers: LabelMatchers | undefined, range: string) =>
  `sum(increase(${metric}${formatMatchers(matchers)}[${range}]))`;

/**
 * Returns the PromQL expression of what a source watches. A zero denominator yields no sample,
 * so the alert stays inactive, as the in-process evaluator does with `null`.
 */
export function sourcePromQl(source: AlertSource): string {
  switch (source.kind) {
    case 'kpi':
      return source.record;
    case 'increase':
      return sumIncrease(source.metric, source.matchers, formatDuration(source.windowMillis));
    case 'quantile': {
      const range = formatDuration(source.windowMillis);
      const buckets = `${source.metric}_bucket${formatMatchers(source.matchers)}`;
      return `histogram_quantile(${source.quantile}, sum by (le) (rate(${buckets}[${range}])))`;
    }
    case 'mean': {
      const range = formatDuration(source.windowMillis);
      const sum = sumIncrease(`${source.metric}_sum`, source.matchers, range);
      return `${sum} / (${sumIncrease(`${source.metric}_count`, source.matchers, range)} > 0)`;
    }
    case 'ratio': {
      const range = formatDuration(source.windowMillis);
      const { numerator, denominator } = source;
      const top = sumIncrease(numerator.metric, numerator.matchers, range);
      return `${top} / (${sumIncrease(denominator.metric, denominator.matchers, range)} > 0)`;
    }
    case 'gauge':
      return `${source.aggregation}(${source.metric}${formatMatchers(source.matchers)})`;
  }
}

/** Returns the alerting expression of a rule: the source compared with the threshold. */
export function rulePromQl(rule: AlertRule): string {
  return `(${sourcePromQl(rule.source)}) ${rule.comparison} ${rule.threshold}`;
}
