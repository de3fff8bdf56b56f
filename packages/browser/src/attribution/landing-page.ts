/** The URL and referrer of the page at start-up, read before the app's router can change them. */
export interface LandingPage {
  readonly url: string;
  readonly referrer: string;
  /** Milliseconds since the Unix epoch. */
  readonly landedAt: number;
}

/**
 * Reads the landing page at once, because an app often removes `?ref=` or UTM parameters from the
 * address right after start-up, before the code that classifies them has loaded.
 */
export function readLandingPage(now = Date.now()): LandingPage {
  const url = typeof location === 'undefined' ? '' : location.href;
  const referrer = typeof document === 'undefined' ? '' : document.referrer;
  return { url, referrer, landedAt: now };
}
