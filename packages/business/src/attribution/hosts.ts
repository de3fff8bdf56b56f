import type { Channel } from '../catalog/values';

/** Referrer kinds that a host or a `utm_source` value can reveal. */
type SourceKind = Extract<Channel, 'organic' | 'social' | 'email'>;

// Web mail hosts, checked first so that `mail.google.com` is e-mail and not search.
const EMAIL_HOSTS = [
  'mail.google.com',
  'outlook.live.com',
  'outlook.office.com',
  'outlook.office365.com',
  'mail.yahoo.com',
  'mail.aol.com',
  'mail.proton.me',
  'app.fastmail.com',
  'mail.zoho.com',
  'e.mail.ru',
];

const SOCIAL_HOSTS = [
  'facebook.com',
  'fb.com',
  'fb.me',
  'messenger.com',
  'instagram.com',
  'threads.net',
  'twitter.com',
  'x.com',
  't.co',
  'linkedin.com',
  'lnkd.in',
  'reddit.com',
  'redd.it',
  'news.ycombinator.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'pinterest.com',
  'tumblr.com',
  'quora.com',
  'bsky.app',
  'mastodon.social',
  'discord.com',
  'discord.gg',
  't.me',
  'telegram.org',
  'wa.me',
  'whatsapp.com',
  'vk.com',
  'weibo.com',
];

const SEARCH_HOSTS = [
  'bing.com',
  'duckduckgo.com',
  'baidu.com',
  'ecosia.org',
  'search.brave.com',
  'startpage.com',
  'qwant.com',
  'naver.com',
  'seznam.cz',
  'ask.com',
  'ya.ru',
];

// Search engines with a domain per country: google.de, www.google.co.uk, uk.search.yahoo.com.
const SEARCH_HOST_PATTERN =
  /^(?:(?:www\.|news\.)?google|(?:[a-z]{2}\.)?search\.yahoo|(?:www\.)?yandex)\.[a-z]{2,3}(?:\.[a-z]{2})?$/;

const SOCIAL_NAMES = new Set([
  'facebook',
  'fb',
  'instagram',
  'ig',
  'threads',
  'twitter',
  'x',
  'linkedin',
  'reddit',
  'hackernews',
  'hn',
  'youtube',
  'tiktok',
  'pinterest',
  'tumblr',
  'quora',
  'bluesky',
  'mastodon',
  'discord',
  'telegram',
  'whatsapp',
  'vk',
  'weibo',
]);

const SEARCH_NAMES = new Set([
  'google',
  'bing',
  'duckduckgo',
  'yahoo',
  'yandex',
  'baidu',
  'ecosia',
  'brave',
  'startpage',
  'qwant',
  'naver',
  'seznam',
]);

/** Channels of the Android apps that send an `android-app://<package>/` referrer. */
export const ANDROID_APP_CHANNELS: Readonly<Record<string, Channel>> = {
  'com.google.android.gm': 'email',
  'com.microsoft.office.outlook': 'email',
  'com.google.android.googlequicksearchbox': 'organic',
  'com.facebook.katana': 'social',
  'com.instagram.android': 'social',
  'com.twitter.android': 'social',
  'com.linkedin.android': 'social',
  'com.reddit.frontpage': 'social',
  'org.telegram.messenger': 'social',
};

const matches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Lower-cases a host name and drops a trailing dot and a leading `www.`. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** Returns what a referrer host reveals: web mail, a social network, a search engine, or nothing. */
export function hostKind(host: string): SourceKind | undefined {
  if (EMAIL_HOSTS.some((domain) => matches(host, domain))) return 'email';
  if (SOCIAL_HOSTS.some((domain) => matches(host, domain))) return 'social';
  if (SEARCH_HOSTS.some((domain) => matches(host, domain))) return 'organic';
  return SEARCH_HOST_PATTERN.test(host) ? 'organic' : undefined;
}

/** Returns what a `utm_source` value reveals, as a name (`twitter`) or a host (`t.co`). */
export function sourceKind(source: string): SourceKind | undefined {
  if (SOCIAL_NAMES.has(source)) return 'social';
  if (SEARCH_NAMES.has(source)) return 'organic';
  return source.includes('.') ? hostKind(normalizeHost(source)) : undefined;
}
