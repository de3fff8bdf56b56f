export { EMAIL_DOMAIN_CLASSES, type EmailDomainClass } from './catalog/values';
export { classifyEmailDomain } from './lead-scoring/email-domain';
export { hashEmail } from './lead-scoring/hash-email';

import { guardConfig } from '@4site/monitor-core';
import { createLeadScorer as createLeadScorerUnguarded } from './lead-scoring/score-lead';

// Bad weights raise a MonitorError that names them, and never a TypeError.
export const createLeadScorer = /* @__PURE__ */ guardConfig(
  'createLeadScorer',
  createLeadScorerUnguarded,
);
export {
  DEFAULT_DOMAIN_FACTORS,
  DEFAULT_LEAD_WEIGHTS,
  DEFAULT_SOURCE_FACTORS,
  LEAD_SIGNALS,
  type LeadContribution,
  type LeadInput,
  type LeadScore,
  type LeadScorer,
  type LeadScorerOptions,
  type LeadSignal,
  scoreLead,
} from './lead-scoring/score-lead';
