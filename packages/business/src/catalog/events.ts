import { defineEvent } from '@4site/monitor-core';
import * as v from 'valibot';
import {
  AUTH_FAILURE_REASONS,
  CHANNELS,
  CONVERSION_STAGES,
  DEVICE_CLASSES,
  EMAIL_DOMAIN_CLASSES,
  GENERATION_OUTCOMES,
  RATE_LIMIT_SCOPES,
  SHARE_PLATFORMS,
} from './values';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
// Routes are templates such as `/sites/:id`, so they stay short and never carry ids.
const pageTemplate = v.pipe(v.string(), v.startsWith('/'), v.maxLength(128));

/** A landing on the site. */
export const visitEvent = defineEvent({
  name: 'visit',
  metric: 'visits',
  schema: v.object({ channel: v.picklist(CHANNELS), page: v.optional(pageTemplate) }),
  labels: { channel: CHANNELS },
  ingest: true,
});

/** One AI site generation, successful or not. */
export const siteGeneratedEvent = defineEvent({
  name: 'site_generated',
  metric: 'site_generations',
  schema: v.object({
    generationId: id,
    outcome: v.picklist(GENERATION_OUTCOMES),
    durationSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(3600)),
  }),
  labels: { outcome: GENERATION_OUTCOMES },
  idempotencyKey: 'generationId',
});

/** A generated site shared by its owner. */
export const shareEvent = defineEvent({
  name: 'share',
  metric: 'shares',
  schema: v.object({ platform: v.picklist(SHARE_PLATFORMS) }),
  labels: { platform: SHARE_PLATFORMS },
  ingest: true,
});

/** A referral conversion: a visitor who came through a share link generated a site. */
export const referralEvent = defineEvent({
  name: 'referral',
  metric: 'referrals',
  schema: v.object({ referralId: id }),
  idempotencyKey: 'referralId',
});

/**
 * A captured lead. The e-mail never travels in the event: only the lead's id, its source and,
 * when the lead was scored, the score and the class of its e-mail domain.
 */
export const leadEvent = defineEvent({
  name: 'lead',
  metric: 'leads',
  schema: v.object({
    leadId: id,
    source: v.picklist(CHANNELS),
    score: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
    emailDomainClass: v.optional(v.picklist(EMAIL_DOMAIN_CLASSES)),
  }),
  labels: { source: CHANNELS },
  idempotencyKey: 'leadId',
});

/** A commission earned by a referrer. Amounts are properties, never labels. */
export const commissionEvent = defineEvent({
  name: 'commission',
  metric: 'commissions',
  schema: v.object({
    commissionId: id,
    // In major units of `currency`. A single commission above one million is rejected as a bug.
    amount: v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000)),
    currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as USD')),
    referralId: v.optional(id),
  }),
  idempotencyKey: 'commissionId',
  // Money is recorded by the server that paid it, so a forged beacon cannot create any.
  ingest: false,
});

/** A funnel step that the browser observed, such as entering a repository URL. */
export const conversionEvent = defineEvent({
  name: 'conversion',
  metric: 'conversions',
  schema: v.object({ stage: v.picklist(CONVERSION_STAGES) }),
  labels: { stage: CONVERSION_STAGES },
  ingest: true,
});

/** Values of the `bounced` label that `session_end` derives from `pageCount`. */
export const BOUNCED_VALUES = ['true', 'false'] as const;

const sessionEndSchema = v.pipe(
  v.object({
    pageCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
    durationSeconds: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(86_400))),
    device: v.optional(v.picklist(DEVICE_CLASSES)),
  }),
  // The label is computed, never sent, so it cannot disagree with the page count.
  v.transform((session) => {
    const bounced: (typeof BOUNCED_VALUES)[number] = session.pageCount === 1 ? 'true' : 'false';
    return { ...session, bounced };
  }),
);

/** The end of a visitor's session; a session of one page is a bounce. */
export const sessionEndEvent = defineEvent({
  name: 'session_end',
  metric: 'sessions',
  schema: sessionEndSchema,
  labels: { bounced: BOUNCED_VALUES, device: DEVICE_CLASSES },
  ingest: true,
});

/** A failed authentication attempt, recorded by the server that rejected it. */
export const authFailureEvent = defineEvent({
  name: 'auth_failure',
  metric: 'auth_failures',
  schema: v.object({ reason: v.picklist(AUTH_FAILURE_REASONS) }),
  labels: { reason: AUTH_FAILURE_REASONS },
  ingest: false,
});

/** A request rejected by a rate limiter, recorded by the server that rejected it. */
export const rateLimitViolationEvent = defineEvent({
  name: 'rate_limit_violation',
  metric: 'rate_limit_violations',
  schema: v.object({ scope: v.picklist(RATE_LIMIT_SCOPES) }),
  labels: { scope: RATE_LIMIT_SCOPES },
  ingest: false,
});
