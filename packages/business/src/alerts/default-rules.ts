import {
  type AlertRule,
  type AlertSource,
  checkAlertRules,
  MonitorError,
} from '@4site/monitor-core';
import type { KpiName } from '../kpi/compute';
import { kpiRecordName } from './recording-rules';

/** Names of the default 4site alert rules, the `alertname` label of their alerts. */
export const DEFAULT_ALERT_RULE_NAMES = [
  'ViralCoefficientDrop',
  'ViralCoefficientCritical',
  'LowLeadCaptureRate',
  'SiteGenerationFailures',
  'HighBounceRate',
  'PoorLcp',
  'SlowApi',
  'SlowSiteGeneration',
  'SlowDatabaseQueries',
  'FailedAuthAttempts',
  'RateLimitViolations',
  'TlsCertificateExpiring',
  'TlsCertificateExpiringSoon',
] as const;

export type DefaultAlertRuleName = (typeof DEFAULT_ALERT_RULE_NAMES)[number];

/** Fields of a default rule that a team may change. */
export type AlertRuleOverride = Partial<Omit<AlertRule, 'name' | 'source'>>;

export interface FourSiteAlertRulesOptions<Extra extends string = never> {
  /** Metric name prefix, the Node monitor's `prometheus.prefix`. Default: `foursite`. */
  prefix?: string;
  /** Changes to default rules, by name, such as `{ SlowApi: { threshold: 1.5 } }`. Default: none. */
  overrides?: Partial<Record<DefaultAlertRuleName, AlertRuleOverride>>;
  /** Default rules to leave out. Default: none. */
  disable?: readonly DefaultAlertRuleName[];
  /** The team's own rules, appended after the defaults. Default: none. */
  add?: readonly AlertRule<Extra>[];
  /** Base of the runbook links; each rule links to `<base>#<alertname>`. Default: no links. */
  runbookBaseUrl?: string;
}

// Literals rather than products, so that bundlers see them as side-effect free.
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type Spec = Omit<AlertRule<DefaultAlertRuleName>, 'source'> & {
  source: (prefix: string) => AlertSource;
};

const kpi =
  (name: KpiName) =>
  (prefix: string): AlertSource => ({
    kind: 'kpi',
    kpi: name,
    record: kpiRecordName(name, { prefix }),
  });

// Built on each call rather than held in a top-level constant: esbuild keeps a top-level array
// whose entries compute values (`30 * MINUTE`), so every browser bundle carried the rules.
function defaultSpecs(): readonly Spec[] {
  return [
    {
      name: 'ViralCoefficientDrop',
      source: /* @__PURE__ */ kpi('viralCoefficient'),
      comparison: '<',
      threshold: 0.5,
      forMillis: 30 * MINUTE,
      keepFiringForMillis: 10 * MINUTE,
      severity: 'warning',
      summary: 'Viral coefficient K is below 0.5 over the last hour.',
      response: 'Review the growth strategy: share prompts, referral rewards and landing pages.',
    },
    {
      name: 'ViralCoefficientCritical',
      source: /* @__PURE__ */ kpi('viralCoefficient'),
      comparison: '<',
      threshold: 0.2,
      forMillis: 15 * MINUTE,
      keepFiringForMillis: 10 * MINUTE,
      severity: 'critical',
      summary: 'Viral coefficient K is below 0.2 over the last hour.',
      response: 'Intervene now: check the share and referral flows end to end.',
    },
    {
      name: 'LowLeadCaptureRate',
      source: /* @__PURE__ */ kpi('leadCaptureRate'),
      comparison: '<',
      threshold: 0.02,
      forMillis: 30 * MINUTE,
      severity: 'warning',
      summary: 'Lead capture rate is below 2% of visits over the last hour.',
      response: 'Optimise the funnel: forms, calls to action and page speed.',
    },
    {
      name: 'SiteGenerationFailures',
      source: (p) => ({
        kind: 'increase',
        metric: `${p}_site_generations_total`,
        matchers: { outcome: 'failure' },
        windowMillis: HOUR,
      }),
      comparison: '>',
      threshold: 10,
      forMillis: 5 * MINUTE,
      severity: 'warning',
      summary: 'More than 10 site generations failed in the last hour.',
      response: 'Check the AI services: provider status, quotas and error logs.',
    },
    {
      name: 'HighBounceRate',
      source: /* @__PURE__ */ kpi('bounceRate'),
      comparison: '>',
      threshold: 0.7,
      forMillis: 30 * MINUTE,
      keepFiringForMillis: 10 * MINUTE,
      severity: 'warning',
      summary: 'More than 70% of sessions bounced over the last hour.',
      response: 'Start a UX review of the landing pages.',
    },
    {
      name: 'PoorLcp',
      source: (p) => ({
        kind: 'quantile',
        metric: `${p}_web_vitals_lcp_seconds`,
        quantile: 0.75,
        windowMillis: 15 * MINUTE,
      }),
      comparison: '>',
      threshold: 2.5,
      forMillis: 15 * MINUTE,
      severity: 'warning',
      summary: 'p75 Largest Contentful Paint is above 2.5 s.',
      response: 'Performance work: images, fonts, render-blocking scripts and server time.',
    },
    {
      name: 'SlowApi',
      source: () => ({
        kind: 'quantile',
        metric: 'http_server_request_duration_seconds',
        quantile: 0.95,
        windowMillis: 5 * MINUTE,
      }),
      comparison: '>',
      threshold: 2,
      forMillis: 10 * MINUTE,
      severity: 'warning',
      summary: 'p95 API request duration is above 2 s.',
      response: 'Back-end work: find the slow routes and their queries.',
    },
    {
      name: 'SlowSiteGeneration',
      source: (p) => ({
        kind: 'quantile',
        metric: `${p}_site_generation_duration_seconds`,
        quantile: 0.95,
        windowMillis: 15 * MINUTE,
      }),
      comparison: '>',
      threshold: 30,
      forMillis: 15 * MINUTE,
      severity: 'warning',
      summary: 'p95 site generation duration is above 30 s.',
      response: 'Tune the AI service: model choice, prompt size and time-outs.',
    },
    {
      name: 'SlowDatabaseQueries',
      source: (p) => ({
        kind: 'mean',
        metric: `${p}_db_query_duration_seconds`,
        windowMillis: 5 * MINUTE,
      }),
      comparison: '>',
      threshold: 1,
      forMillis: 10 * MINUTE,
      severity: 'warning',
      summary: 'Mean database query duration is above 1 s.',
      response: 'Optimise queries: check slow query logs, plans and indexes.',
    },
    {
      name: 'FailedAuthAttempts',
      source: (p) => ({ kind: 'increase', metric: `${p}_auth_failures_total`, windowMillis: HOUR }),
      comparison: '>',
      threshold: 100,
      forMillis: 5 * MINUTE,
      severity: 'warning',
      summary: 'More than 100 failed sign-in attempts in the last hour.',
      response: 'Security review: look for credential stuffing and lock abused accounts.',
    },
    {
      name: 'RateLimitViolations',
      source: (p) => ({
        kind: 'increase',
        metric: `${p}_rate_limit_violations_total`,
        windowMillis: 15 * MINUTE,
      }),
      comparison: '>',
      threshold: 50,
      forMillis: 5 * MINUTE,
      severity: 'warning',
      summary: 'More than 50 rate-limit violations in the last 15 minutes.',
      response: 'Block the offending IP ranges at the edge.',
    },
    {
      name: 'TlsCertificateExpiring',
      // NOTE: `min` over every host gives one alert for all certificates, without the host label.
      // The dashboard's certificate panel shows which host it is.
      source: (p) => ({
        kind: 'gauge',
        metric: `${p}_tls_certificate_expiry_seconds`,
        aggregation: 'min',
      }),
      comparison: '<',
      threshold: (30 * DAY) / 1000,
      forMillis: HOUR,
      severity: 'warning',
      summary: 'A TLS certificate expires in less than 30 days.',
      response: 'Renew the certificate.',
    },
    {
      name: 'TlsCertificateExpiringSoon',
      source: (p) => ({
        kind: 'gauge',
        metric: `${p}_tls_certificate_expiry_seconds`,
        aggregation: 'min',
      }),
      comparison: '<',
      threshold: (7 * DAY) / 1000,
      forMillis: HOUR,
      severity: 'critical',
      summary: 'A TLS certificate expires in less than 7 days.',
      response: 'Renew the certificate now and check why automatic renewal failed.',
    },
  ];
}

/**
 * Returns the 4site default alert rules with the team's overrides applied, disabled rules left
 * out and the team's own rules appended. Throws a MonitorError on an unknown rule name or an
 * invalid rule.
 */
export function fourSiteAlertRules<Extra extends string = never>(
  options: FourSiteAlertRulesOptions<Extra> = {},
): readonly AlertRule<DefaultAlertRuleName | Extra>[] {
  const prefix = options.prefix ?? 'foursite';
  checkNames([...Object.keys(options.overrides ?? {}), ...(options.disable ?? [])]);
  const disabled = new Set<string>(options.disable ?? []);
  const defaults = defaultSpecs()
    .filter((spec) => !disabled.has(spec.name))
    .map((spec) => {
      const runbookUrl = options.runbookBaseUrl
        ? `${options.runbookBaseUrl}#${spec.name}`
        : undefined;
      const rule = { ...spec, source: spec.source(prefix), ...(runbookUrl ? { runbookUrl } : {}) };
      return { ...rule, ...options.overrides?.[spec.name] } as AlertRule<DefaultAlertRuleName>;
    });
  const rules: AlertRule<DefaultAlertRuleName | Extra>[] = [...defaults, ...(options.add ?? [])];
  checkAlertRules(rules);
  return rules;
}

function checkNames(names: readonly string[]): void {
  for (const name of names) {
    if (!(DEFAULT_ALERT_RULE_NAMES as readonly string[]).includes(name)) {
      throw new MonitorError(
        `Unknown default alert rule "${name}": use one of ${DEFAULT_ALERT_RULE_NAMES.join(', ')}.`,
      );
    }
  }
}
