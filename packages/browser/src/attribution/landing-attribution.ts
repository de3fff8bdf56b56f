import { type Channel, classifySource } from '@4site/monitor-business';
import { scrubText } from '../privacy/scrub-url';
import type { LandingPage } from './landing-page';

/** Acquisition source of a browser session, captured on the first page of the session. */
export interface LandingAttribution {
  /** Acquisition channel: UTM parameters first, then a referral code, then the referrer. */
  readonly channel: Channel;
  /** The 4site referral code of a share link (`?ref=`), when the landing URL had a valid one. */
  readonly referralCode?: string;
  readonly utmSource?: string;
  readonly utmMedium?: string;
  readonly utmCampaign?: string;
  readonly utmTerm?: string;
  readonly utmContent?: string;
  /** Host of the referring page, never its full URL, which can carry personal data. */
  readonly referrerHost?: string;
  /** Milliseconds since the Unix epoch of the landing. */
  readonly landedAt: number;
}

/** sessionStorage key of the attribution, so later pages of the session keep the landing's. */
export const ATTRIBUTION_KEY = '4site.monitor.attribution';
const MAX_VALUE_LENGTH = 100;

const UTM_FIELDS = {
  utm_source: 'utmSource',
  utm_medium: 'utmMedium',
  utm_campaign: 'utmCampaign',
  utm_term: 'utmTerm',
  utm_content: 'utmContent',
} as const;

/**
 * Returns the attribution of this browser session: the one stored by an earlier page of the
 * session, or else one classified from the landing page and stored. Outside a browser, where
 * there is no landing URL, it returns a `direct` attribution.
 */
export function captureLandingAttribution(landing: LandingPage): LandingAttribution {
  if (landing.url === '') return { channel: 'direct', landedAt: landing.landedAt };
  const stored = readStored();
  if (stored) return stored;
  const attribution = classifyLanding(landing.url, landing.referrer, landing.landedAt);
  writeStored(attribution);
  return attribution;
}

/** Classifies a landing URL and referrer into an attribution. */
export function classifyLanding(url: string, referrer: string, now: number): LandingAttribution {
  const { channel, referralCode } = classifySource({ url, referrer });
  const attribution: Record<string, unknown> = { channel, landedAt: now };
  if (referralCode) attribution.referralCode = referralCode;
  const params = parseParams(url);
  for (const [param, field] of Object.entries(UTM_FIELDS)) {
    const value = params.get(param)?.trim();
    if (value) attribution[field] = scrubText(value).slice(0, MAX_VALUE_LENGTH);
  }
  const referrerHost = hostOf(referrer);
  if (referrerHost) attribution.referrerHost = referrerHost;
  return attribution as unknown as LandingAttribution;
}

function parseParams(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function hostOf(url: string): string | undefined {
  try {
    return url ? new URL(url).hostname.slice(0, MAX_VALUE_LENGTH) || undefined : undefined;
  } catch {
    return undefined;
  }
}

// Storage throws where the browser blocks it; the attribution then lasts for this page only.
function readStored(): LandingAttribution | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(ATTRIBUTION_KEY) ?? 'null');
    const channel = (parsed as { channel?: unknown } | null)?.channel;
    return typeof channel === 'string' ? (parsed as LandingAttribution) : undefined;
  } catch {
    return undefined;
  }
}

function writeStored(attribution: LandingAttribution): void {
  try {
    sessionStorage.setItem(ATTRIBUTION_KEY, JSON.stringify(attribution));
  } catch {
    // Blocked or over quota: later pages classify their own landing.
  }
}
