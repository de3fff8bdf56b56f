import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ATTRIBUTION_KEY,
  captureLandingAttribution,
  classifyLanding,
} from '../src/attribution/landing-attribution';
import { readLandingPage } from '../src/attribution/landing-page';
import { detectDeviceClass } from '../src/web-vitals/device-class';
import { toPageTemplate } from '../src/web-vitals/page-template';

afterEach(() => {
  sessionStorage.clear();
});

describe('classifyLanding', () => {
  it('reads UTM parameters and the referral code', () => {
    const attribution = classifyLanding(
      'https://4site.pro/?utm_source=news&utm_medium=email&utm_campaign=launch&ref=abcd1234',
      '',
      1,
    );

    expect(attribution).toEqual({
      channel: 'email',
      referralCode: 'abcd1234',
      utmSource: 'news',
      utmMedium: 'email',
      utmCampaign: 'launch',
      landedAt: 1,
    });
  });

  it('keeps only the host of the referrer', () => {
    const attribution = classifyLanding('https://4site.pro/', 'https://t.co/abc?u=ada@x.io', 1);

    expect(attribution).toEqual({ channel: 'social', referrerHost: 't.co', landedAt: 1 });
  });

  it('masks an e-mail in a UTM value', () => {
    const attribution = classifyLanding('https://4site.pro/?utm_content=ada@example.com', '', 1);

    expect(attribution.utmContent).toBe('[Filtered]');
  });
});

describe('captureLandingAttribution', () => {
  it('keeps the first landing of the session', () => {
    sessionStorage.setItem(ATTRIBUTION_KEY, JSON.stringify({ channel: 'paid', landedAt: 5 }));

    expect(captureLandingAttribution(readLandingPage(9))).toEqual({ channel: 'paid', landedAt: 5 });
  });

  it('stores a new landing', () => {
    const attribution = captureLandingAttribution(readLandingPage(9));

    expect(JSON.parse(sessionStorage.getItem(ATTRIBUTION_KEY) ?? '{}')).toEqual(attribution);
  });
});

describe('toPageTemplate', () => {
  it.each([
    ['/', '/'],
    ['/sites/123/edit', '/sites/:id/edit'],
    ['/sites/8f14e45f-ceea-4a67-9c4b-3f1e2d5b6a7c', '/sites/:id'],
    ['/u/ada@example.com', '/u/:value'],
    ['/share/aB3dE5fG7hJ9kL1mN3', '/share/:id'],
    ['/pricing', '/pricing'],
  ])('turns %s into %s', (path, template) => {
    expect(toPageTemplate(path)).toBe(template);
  });

  it('cuts long paths to 128 characters', () => {
    expect(toPageTemplate(`/${'docs/'.repeat(60)}`)).toHaveLength(128);
  });
});

describe('detectDeviceClass', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 1200, 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 1024, 'tablet'],
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36', 1200, 'tablet'],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/120', 1280, 'desktop'],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/120', 500, 'mobile'],
  ])('classifies %s at %i px', (agent, width, expected) => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(agent);
    vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(width);

    expect(detectDeviceClass()).toBe(expected);
  });
});
