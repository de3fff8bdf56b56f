import { createLogger, createMonitor, MonitorError } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import {
  type ApiSpec,
  checkExport,
  expectEveryFunctionCovered,
} from '../../core/test/public-api-harness';
import * as business from '../src';
import { fourSiteAlertRules, fourSiteCatalog, trackLead, trackVisit } from '../src';
import * as leadScoring from '../src/lead-scoring';

const silent = () => createLogger({ enabled: false });
const monitor = (mode: 'production' | 'development' = 'production') =>
  createMonitor({ catalog: fourSiteCatalog, logger: silent(), mode });
const ruleOptions = ['windowMillis', 'prefix', 'overrides', 'disable', 'extraRules'];
const kpiOptions = ['prefix', 'windowMillis', 'rateWindow', 'job'];
const counts = () => ({
  ...Object.fromEntries(
    [
      'visits',
      'generations',
      'generationFailures',
      'shares',
      'referrals',
      'leads',
      'scoredLeads',
      'leadScoreSum',
      'sessions',
      'bounces',
      'authFailures',
      'rateLimitViolations',
    ].map((key) => [key, 3]),
  ),
  visitsByChannel: Object.fromEntries(business.CHANNELS.map((channel) => [channel, 1])),
});

// The track helpers run on the request path: the monitor and the properties may be anything.
const track = (properties: Record<string, unknown>): ApiSpec => ({
  kind: 'runtime',
  valid: () => [monitor(), properties],
  keys: Object.keys(properties),
});

/** Every function export of the business entry, with how it may react to hostile input. */
const SPECS: Record<string, ApiSpec> = {
  classifySource: {
    kind: 'runtime',
    valid: () => [{ url: 'https://4site.pro/?ref=abcd', referrer: 'https://t.co/x' }, {}],
    keys: ['url', 'referrer', 'siteHost', 'referralParam', 'referralCodePattern'],
  },
  computeKpis: { kind: 'runtime', valid: () => [counts()], keys: ['visits', 'visitsByChannel'] },
  createKpiSink: {
    kind: 'config',
    valid: () => [{ windowMillis: 60_000, bucketCount: 6 }],
    keys: ['name', 'now', 'windowMillis', 'bucketCount'],
    methods: true,
  },
  extendCatalog: { kind: 'config', valid: () => [business.leadEvent] },
  fourSiteAlertRules: { kind: 'config', valid: () => [{}], keys: ruleOptions },
  fourSiteDashboard: { kind: 'config', valid: () => [{}], keys: ['prefix', 'title', 'uid'] },
  fourSiteRuleFileYaml: {
    kind: 'config',
    valid: () => [fourSiteAlertRules(), {}],
    keys: kpiOptions,
  },
  fourSiteRuleTestsYaml: { kind: 'config', valid: () => [fourSiteAlertRules(), 'rules.yml'] },
  kpiPromQl: { kind: 'config', valid: () => [{}], keys: kpiOptions },
  kpiRecordName: { kind: 'config', valid: () => ['viral_coefficient', {}], keys: kpiOptions },
  kpiRecordingRuleSpecs: { kind: 'config', valid: () => [{}], keys: kpiOptions },
  kpiRecordingRules: { kind: 'config', valid: () => [{}], keys: kpiOptions },
  trackAuthFailure: track({ reason: 'bad_password' }),
  trackCommission: track({ commissionId: 'c-1', amount: 5 }),
  trackConversion: track({ stage: 'signup' }),
  trackLead: track({ leadId: 'l-1', source: 'organic', score: 50 }),
  trackRateLimitViolation: track({ scope: 'api' }),
  trackReferral: track({ referralId: 'r-1' }),
  trackSessionEnd: track({ pages: 1, bounced: 'yes' }),
  trackShare: track({ platform: 'x', siteId: 's-1' }),
  trackSiteGenerated: track({ generationId: 'g-1', outcome: 'success', durationSeconds: 3 }),
  trackVisit: track({ channel: 'organic', page: '/' }),
};

const LEAD_SPECS: Record<string, ApiSpec> = {
  classifyEmailDomain: { kind: 'runtime', valid: () => ['jane@example.com'] },
  createLeadScorer: {
    kind: 'config',
    valid: () => [{}],
    keys: ['weights', 'domainFactors', 'sourceFactors', 'disposableDomains', 'webmailDomains'],
    methods: true,
  },
  // The salt is configuration: a short one raises a MonitorError.
  hashEmail: { kind: 'config', valid: () => ['jane@example.com', 'a-salt-of-16-chars-or-more'] },
  scoreLead: {
    kind: 'runtime',
    valid: () => [{ email: 'jane@example.com', source: 'organic', pagesViewed: 3 }],
    keys: ['email', 'source', 'pagesViewed', 'siteGenerated', 'shared', 'form'],
  },
};

describe('business public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(business, SPECS);
  });

  it('covers every lead-scoring export', () => {
    expectEveryFunctionCovered(leadScoring, LEAD_SPECS);
  });

  const all: [string, Record<string, unknown>, ApiSpec][] = [
    ...Object.entries(SPECS).map(([name, spec]): [string, Record<string, unknown>, ApiSpec] => [
      name,
      business,
      spec,
    ]),
    ...Object.entries(LEAD_SPECS).map(
      ([name, spec]): [string, Record<string, unknown>, ApiSpec] => [name, leadScoring, spec],
    ),
  ];
  for (const [name, module, spec] of all) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, module[name] as never, spec);
    });
  }
});

describe('business track helpers in development mode', () => {
  it('raise one clear error for a lead without leadId', () => {
    const call = () => trackLead(monitor('development'), { source: 'organic' } as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/lead/);
  });

  it('raise one clear error for null properties', () => {
    const call = () => trackVisit(monitor('development'), null as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(/visit/);
  });
});
