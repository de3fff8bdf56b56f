import { MonitorError } from '@4site/monitor-core';
import { CHANNELS, type Channel, type EmailDomainClass } from '../catalog/values';
import { classifyEmailDomain } from './email-domain';

/** Signals that a lead score adds up. */
export const LEAD_SIGNALS = [
  'source',
  'emailDomain',
  'pagesViewed',
  'siteGenerated',
  'shared',
  'formCompleteness',
] as const;

export type LeadSignal = (typeof LEAD_SIGNALS)[number];

/** Relative weight of each signal; they are scaled so that all of them together give 100. */
export const DEFAULT_LEAD_WEIGHTS: Readonly<Record<LeadSignal, number>> = {
  source: 20,
  emailDomain: 30,
  pagesViewed: 10,
  siteGenerated: 20,
  shared: 10,
  formCompleteness: 10,
};

/** Share (0 to 1) of the source weight that each acquisition channel earns. */
export const DEFAULT_SOURCE_FACTORS: Readonly<Record<Channel, number>> = {
  referral: 1,
  organic: 0.8,
  email: 0.7,
  direct: 0.6,
  social: 0.5,
  paid: 0.4,
};

/** Share (0 to 1) of the e-mail domain weight that each domain class earns. */
export const DEFAULT_DOMAIN_FACTORS: Readonly<Record<EmailDomainClass, number>> = {
  company: 1,
  webmail: 0.4,
  disposable: 0,
  invalid: 0,
  missing: 0,
};

export interface LeadScorerOptions {
  /** Weights by signal, each 0 or more; missing ones keep `DEFAULT_LEAD_WEIGHTS`. */
  weights?: Partial<Record<LeadSignal, number>>;
  /** Factors (0 to 1) by channel; missing ones keep `DEFAULT_SOURCE_FACTORS`. */
  sourceFactors?: Partial<Record<Channel, number>>;
  /** Factors (0 to 1) by domain class; missing ones keep `DEFAULT_DOMAIN_FACTORS`. */
  domainFactors?: Partial<Record<EmailDomainClass, number>>;
  /** Pages viewed that earn the full `pagesViewed` weight; fewer earn a linear share. Default: 5. */
  fullCreditPages?: number;
}

/** Facts about a lead that the scorer reads. The e-mail is only classified, never kept. */
export interface LeadInput {
  email?: string | null;
  source: Channel;
  pagesViewed?: number;
  siteGenerated?: boolean;
  shared?: boolean;
  /** Fields of the lead form that the visitor filled, out of the fields it has. */
  form?: { readonly filledFields: number; readonly totalFields: number };
}

/** One signal's part of a score. */
export interface LeadContribution {
  readonly signal: LeadSignal;
  /** The input that the signal read; for the e-mail, its domain class. */
  readonly value: string | number | boolean | null;
  /** Share of the signal's points earned, from 0 to 1. */
  readonly factor: number;
  /** Points that the signal gives at factor 1. The maxima of all signals add up to 100. */
  readonly maxPoints: number;
  /** `maxPoints * factor`. */
  readonly points: number;
}

/** A lead's score with its explanation. It contains no e-mail, only the domain class. */
export interface LeadScore {
  /** Sum of the contributions' points, rounded to an integer from 0 to 100. */
  readonly score: number;
  readonly domainClass: EmailDomainClass;
  readonly contributions: readonly LeadContribution[];
}

export interface LeadScorer {
  /** Scores a lead. Input that it cannot read earns no points instead of throwing. */
  score(input: LeadInput): LeadScore;
}

interface ScorerSettings {
  readonly maxPoints: Readonly<Record<LeadSignal, number>>;
  readonly sourceFactors: Readonly<Record<Channel, number>>;
  readonly domainFactors: Readonly<Record<EmailDomainClass, number>>;
  readonly fullCreditPages: number;
}

/**
 * Creates a lead scorer with the given weights and factors. Throws a MonitorError when a weight
 * is negative, all weights are 0, or a factor is outside 0 to 1.
 */
export function createLeadScorer(options: LeadScorerOptions = {}): LeadScorer {
  const settings = resolveSettings(options);
  return {
    score(input) {
      try {
        return scoreWith(settings, input);
      } catch {
        // A lead whose fields cannot be read, such as through a getter that throws, scores as empty.
        return scoreWith(settings, {} as LeadInput);
      }
    },
  };
}

let defaultScorer: LeadScorer | undefined;

/** Scores a lead with the default weights; see `createLeadScorer()` to change them. */
export function scoreLead(input: LeadInput): LeadScore {
  defaultScorer ??= createLeadScorer();
  return defaultScorer.score(input);
}

function scoreWith(settings: ScorerSettings, lead: LeadInput): LeadScore {
  // Plain JavaScript callers can pass anything; read a non-object as an empty lead.
  const input: Partial<LeadInput> = typeof lead === 'object' && lead !== null ? lead : {};
  const domainClass = classifyEmailDomain(input.email);
  const source = input.source && CHANNELS.includes(input.source) ? input.source : null;
  const pages = finiteOrZero(input.pagesViewed);
  const completeness = formCompleteness(input.form);
  const part = (signal: LeadSignal, value: LeadContribution['value'], factor: number) => {
    const maxPoints = settings.maxPoints[signal];
    return { signal, value, factor, maxPoints, points: maxPoints * factor };
  };

  const contributions: LeadContribution[] = [
    part('source', source, source ? settings.sourceFactors[source] : 0),
    part('emailDomain', domainClass, settings.domainFactors[domainClass]),
    part(
      'pagesViewed',
      pages,
      Math.min(pages, settings.fullCreditPages) / settings.fullCreditPages,
    ),
    part('siteGenerated', input.siteGenerated === true, input.siteGenerated === true ? 1 : 0),
    part('shared', input.shared === true, input.shared === true ? 1 : 0),
    part('formCompleteness', completeness, completeness),
  ];
  const total = contributions.reduce((sum, contribution) => sum + contribution.points, 0);
  return { score: Math.min(100, Math.max(0, Math.round(total))), domainClass, contributions };
}

const finiteOrZero = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

function formCompleteness(form: LeadInput['form']): number {
  const filled = finiteOrZero(form?.filledFields);
  const total = finiteOrZero(form?.totalFields);
  return total > 0 ? Math.min(filled, total) / total : 0;
}

function resolveSettings(options: LeadScorerOptions): ScorerSettings {
  const weights = { ...DEFAULT_LEAD_WEIGHTS, ...options.weights };
  const sourceFactors = { ...DEFAULT_SOURCE_FACTORS, ...options.sourceFactors };
  const domainFactors = { ...DEFAULT_DOMAIN_FACTORS, ...options.domainFactors };
  const fullCreditPages = options.fullCreditPages ?? 5;

  for (const [signal, weight] of Object.entries(weights)) {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new MonitorError(
        `Invalid weight ${weight} for "${signal}": use a number of 0 or more.`,
      );
    }
  }
  const totalWeight = LEAD_SIGNALS.reduce((sum, signal) => sum + weights[signal], 0);
  if (totalWeight <= 0) {
    throw new MonitorError('Every lead weight is 0: give at least one signal a positive weight.');
  }
  for (const [name, factor] of [
    ...Object.entries(sourceFactors),
    ...Object.entries(domainFactors),
  ]) {
    if (!(factor >= 0 && factor <= 1)) {
      throw new MonitorError(`Invalid factor ${factor} for "${name}": use a number from 0 to 1.`);
    }
  }
  if (!(Number.isInteger(fullCreditPages) && fullCreditPages >= 1)) {
    throw new MonitorError(
      `Invalid fullCreditPages ${fullCreditPages}: use a whole number of pages, 1 or more.`,
    );
  }
  const maxPoints = {} as Record<LeadSignal, number>;
  for (const signal of LEAD_SIGNALS) maxPoints[signal] = (100 * weights[signal]) / totalWeight;
  return { maxPoints, sourceFactors, domainFactors, fullCreditPages };
}
