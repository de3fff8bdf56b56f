import { defineCatalog, defineEvent } from '@4site/monitor-core';
import * as v from 'valibot';

/** Acquisition channels, in the style of a default channel grouping. */
export const CHANNELS = ['organic', 'social', 'referral', 'direct', 'paid', 'email'] as const;
export const GENERATION_OUTCOMES = ['success', 'failure'] as const;
export const SHARE_PLATFORMS = [
  'link',
  'twitter',
  'linkedin',
  'facebook',
  'email',
  'other',
] as const;

export type Channel = (typeof CHANNELS)[number];

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

/** A captured lead. The e-mail never travels in the event, only the lead's id and source. */
export const leadEvent = defineEvent({
  name: 'lead',
  metric: 'leads',
  schema: v.object({
    leadId: id,
    source: v.picklist(CHANNELS),
    score: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  }),
  labels: { source: CHANNELS },
  idempotencyKey: 'leadId',
});

/** The 4site event catalog that both the browser and the Node monitor validate against. */
export const fourSiteCatalog = defineCatalog(
  visitEvent,
  siteGeneratedEvent,
  shareEvent,
  referralEvent,
  leadEvent,
);

export type FourSiteCatalog = typeof fourSiteCatalog;
