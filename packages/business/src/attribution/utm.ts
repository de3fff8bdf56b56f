import type { Channel } from '../catalog/values';
import { sourceKind } from './hosts';

/** Query parameters that ad networks add to paid clicks (Google Ads, Display & Video, Bing). */
const PAID_CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid'];

const PAID_MEDIUMS = new Set([
  'ppc',
  'retargeting',
  'display',
  'banner',
  'expandable',
  'interstitial',
]);
const SOCIAL_MEDIUMS = new Set([
  'social',
  'social-network',
  'social-media',
  'sm',
  'social network',
  'social media',
]);
const EMAIL_VALUES = new Set(['email', 'e-mail', 'e_mail', 'e mail']);
const REFERRAL_MEDIUMS = new Set(['referral', 'app', 'link', 'affiliate', 'affiliates']);
const NO_MEDIUM = new Set(['', '(none)', '(not set)']);

/** Reads query parameters with lower-cased names and trimmed, lower-cased values. */
export function readParams(search: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of search) {
    const key = name.toLowerCase();
    // The first occurrence wins, as in URLSearchParams.get().
    if (!params.has(key)) params.set(key, value.trim().toLowerCase());
  }
  return params;
}

/** Returns `paid` when the URL carries a paid click id. */
export function classifyClickId(params: Map<string, string>): Channel | undefined {
  return PAID_CLICK_IDS.some((name) => params.get(name)) ? 'paid' : undefined;
}

const isPaidMedium = (medium: string) =>
  medium.includes('cp') || medium.startsWith('paid') || PAID_MEDIUMS.has(medium);

/**
 * Classifies `utm_source`, `utm_medium` and `utm_campaign`, in the order of a default channel
 * grouping: direct, paid, social, organic search, e-mail, referral. Returns undefined when there
 * are no UTM parameters or when they match no rule.
 */
export function classifyUtm(params: Map<string, string>): Channel | undefined {
  const source = params.get('utm_source') ?? '';
  const medium = params.get('utm_medium') ?? '';
  const campaign = params.get('utm_campaign') ?? '';
  if (!source && !medium) return undefined;

  if ((source === 'direct' || source === '(direct)') && NO_MEDIUM.has(medium)) return 'direct';
  if (isPaidMedium(medium) || campaign.includes('cross-network')) return 'paid';
  const kind = source ? sourceKind(source) : undefined;
  if (kind === 'social' || SOCIAL_MEDIUMS.has(medium)) return 'social';
  if (kind === 'organic' || medium === 'organic') return 'organic';
  if (kind === 'email' || EMAIL_VALUES.has(source) || EMAIL_VALUES.has(medium)) return 'email';
  if (REFERRAL_MEDIUMS.has(medium)) return 'referral';
  return undefined;
}
