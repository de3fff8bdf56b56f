import type { Channel } from '../catalog/values';
import { ANDROID_APP_CHANNELS, hostKind, normalizeHost } from './hosts';
import { classifyClickId, classifyUtm, readParams } from './utm';

/** A landing to classify. */
export interface ClassifySourceInput {
  /** The landing page's URL, such as `location.href`. A relative URL needs `siteHost`. */
  url: string | URL;
  /** The referring page, such as `document.referrer`; empty or missing for a typed-in visit. */
  referrer?: string | null;
  /** The site's own host, so that its pages do not count as referrers. Default: the URL's host. */
  siteHost?: string;
}

export interface ClassifySourceOptions {
  /** Query parameter that carries a 4site referral code. Default: `ref`. */
  referralParam?: string;
  /** Format of a valid referral code. Default: 4 to 64 letters, digits, `_` or `-`. */
  referralCodePattern?: RegExp;
}

/** The channel of a landing, and the 4site referral code when the URL carried a valid one. */
export interface SourceClassification {
  readonly channel: Channel;
  readonly referralCode?: string;
}

const DEFAULT_REFERRAL_CODE = /^[A-Za-z0-9_-]{4,64}$/;

/**
 * Classifies a landing into a channel. A paid click id decides first, then the UTM parameters,
 * then a 4site referral code, then the referrer's host. With none of them the visit is direct.
 * Never throws, because a malformed URL or referrer counts as missing.
 */
export function classifySource(
  input: ClassifySourceInput,
  options: ClassifySourceOptions = {},
): SourceClassification {
  try {
    return classify(input, options);
  } catch {
    // Input that cannot be read, such as a getter that throws, carries no source.
    return { channel: 'direct' };
  }
}

function classify(
  input: ClassifySourceInput,
  options: ClassifySourceOptions,
): SourceClassification {
  if (typeof input !== 'object' || input === null) return { channel: 'direct' };
  if (typeof options !== 'object' || options === null) return classify(input, {});
  const siteHost = parseHost(input.siteHost);
  const landing = parseUrl(input.url, siteHost);
  const rawParams = landing?.searchParams ?? new URLSearchParams();
  const params = readParams(rawParams);
  const referralCode = readReferralCode(rawParams, options);
  const result = (channel: Channel): SourceClassification =>
    referralCode ? { channel, referralCode } : { channel };

  const tagged = classifyClickId(params) ?? classifyUtm(params);
  if (tagged) return result(tagged);
  if (referralCode) return result('referral');
  const ownHost = siteHost ?? (landing ? normalizeHost(landing.hostname) : undefined);
  return result(classifyReferrer(input.referrer, ownHost));
}

function classifyReferrer(referrer: string | null | undefined, ownHost?: string): Channel {
  const parsed = referrer ? parseUrl(referrer) : undefined;
  if (!parsed) return 'direct';
  if (parsed.protocol === 'android-app:') {
    return ANDROID_APP_CHANNELS[parsed.hostname.toLowerCase()] ?? 'referral';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'direct';
  const host = normalizeHost(parsed.hostname);
  if (!host || host === ownHost) return 'direct';
  return hostKind(host) ?? 'referral';
}

function readReferralCode(params: URLSearchParams, options: ClassifySourceOptions) {
  const name = (options.referralParam ?? 'ref').toLowerCase();
  const pattern = options.referralCodePattern ?? DEFAULT_REFERRAL_CODE;
  for (const [key, value] of params) {
    if (key.toLowerCase() !== name) continue;
    const code = value.trim();
    // A pattern with the g or y flag keeps state between tests; start each test afresh.
    pattern.lastIndex = 0;
    return pattern.test(code) ? code : undefined;
  }
  return undefined;
}

function parseUrl(url: string | URL, siteHost?: string): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    // A relative URL resolves against the site; the base is only parsed, never fetched.
    if (!siteHost) return undefined;
    try {
      return new URL(url, `https://${siteHost}`);
    } catch {
      return undefined;
    }
  }
}

function parseHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return normalizeHost(new URL(`https://${host.trim()}`).hostname) || undefined;
  } catch {
    return undefined;
  }
}
