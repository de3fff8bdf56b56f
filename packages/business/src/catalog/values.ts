/**
 * Closed value lists of the 4site events. Every property that becomes a Prometheus label takes
 * its values from one of these lists, so the number of series is fixed by the catalog.
 */

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

/** Funnel steps that only the browser observes, between a visit and a generated, shared site. */
export const CONVERSION_STAGES = [
  'repo_entered',
  'generation_started',
  'site_viewed',
  'share_opened',
  'signup_started',
  'signup_completed',
] as const;

/** Device classes, as a browser derives them from the viewport and user agent. */
export const DEVICE_CLASSES = ['desktop', 'mobile', 'tablet'] as const;

/** Reasons for a failed authentication attempt; `other` covers the rest. */
export const AUTH_FAILURE_REASONS = [
  'invalid_credentials',
  'invalid_token',
  'expired_token',
  'missing_credentials',
  'forbidden',
  'other',
] as const;

/** Rate limiters that can reject a request. */
export const RATE_LIMIT_SCOPES = ['api', 'auth', 'generation', 'ingest', 'other'] as const;

/**
 * Class of a lead's e-mail domain: a company domain, a free webmail provider, a disposable
 * inbox, an address that does not parse, or no address at all.
 */
export const EMAIL_DOMAIN_CLASSES = [
  'company',
  'webmail',
  'disposable',
  'invalid',
  'missing',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type GenerationOutcome = (typeof GENERATION_OUTCOMES)[number];
export type SharePlatform = (typeof SHARE_PLATFORMS)[number];
export type ConversionStage = (typeof CONVERSION_STAGES)[number];
export type DeviceClass = (typeof DEVICE_CLASSES)[number];
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];
export type EmailDomainClass = (typeof EMAIL_DOMAIN_CLASSES)[number];
