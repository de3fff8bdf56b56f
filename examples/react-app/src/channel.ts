import type { Channel } from '@4site/monitor-react';

const PAID_MEDIUMS = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paid_social', 'display']);
const EMAIL_MEDIUMS = new Set(['email', 'e-mail', 'newsletter']);
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social_network', 'sm']);

// Search engines match on their name with any country domain, such as `www.google.co.uk`.
const SEARCH_ENGINES = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant)\.[a-z.]+$/;
const SOCIAL_HOSTS = [
  'facebook.com',
  'fb.me',
  'instagram.com',
  'linkedin.com',
  'lnkd.in',
  'twitter.com',
  'x.com',
  't.co',
  'reddit.com',
  'youtube.com',
  'tiktok.com',
  'mastodon.social',
  'bsky.app',
  'news.ycombinator.com',
];

/**
 * Returns the acquisition channel of a landing: `referral` for a 4site share link (`?ref=CODE`),
 * then the channel that `utm_medium` names, then the one that the referrer's host implies, and
 * `direct` when nothing applies.
 */
export function detectChannel(location: URL, referrer: string): Channel {
  if (location.searchParams.get('ref')) return 'referral';
  const fromMedium = channelOfMedium(location.searchParams.get('utm_medium'));
  if (fromMedium) return fromMedium;
  return channelOfReferrer(referrer, location.host);
}

function channelOfMedium(medium: string | null): Channel | undefined {
  const value = medium?.trim().toLowerCase() ?? '';
  if (PAID_MEDIUMS.has(value)) return 'paid';
  if (EMAIL_MEDIUMS.has(value)) return 'email';
  if (SOCIAL_MEDIUMS.has(value)) return 'social';
  return undefined;
}

function channelOfReferrer(referrer: string, ownHost: string): Channel {
  const host = hostOf(referrer);
  if (!host || host === ownHost) return 'direct';
  if (SEARCH_ENGINES.test(host)) return 'organic';
  if (SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`))) {
    return 'social';
  }
  return 'referral';
}

function hostOf(url: string): string | undefined {
  try {
    return url ? new URL(url).host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
