import { describe, expect, it } from 'vitest';
import {
  type Channel,
  type ClassifySourceInput,
  type ClassifySourceOptions,
  classifySource,
} from '../src';

const SITE = 'https://4site.pro/';

// Each row: a case, the landing, the expected channel and the expected referral code.
const cases: [string, ClassifySourceInput, Channel, string?][] = [
  // UTM parameters
  ['cpc from google', { url: `${SITE}?utm_source=google&utm_medium=cpc` }, 'paid'],
  ['mixed-case cpc', { url: `${SITE}?utm_source=Google&utm_medium=CPC` }, 'paid'],
  ['ppc medium alone', { url: `${SITE}?utm_medium=PPC` }, 'paid'],
  ['paid social', { url: `${SITE}?utm_source=facebook&utm_medium=paid_social` }, 'paid'],
  ['display medium', { url: `${SITE}?utm_medium=display` }, 'paid'],
  ['retargeting medium', { url: `${SITE}?utm_medium=Retargeting` }, 'paid'],
  [
    'cross-network campaign',
    { url: `${SITE}?utm_source=google&utm_medium=pmax&utm_campaign=Spring-Cross-Network` },
    'paid',
  ],
  ['padded medium', { url: `${SITE}?utm_medium=%20CPC%20` }, 'paid'],
  ['direct source with cpc', { url: `${SITE}?utm_source=(direct)&utm_medium=cpc` }, 'paid'],
  ['social source name', { url: `${SITE}?utm_source=twitter` }, 'social'],
  ['social media medium', { url: `${SITE}?utm_source=news&utm_medium=Social+Media` }, 'social'],
  ['mixed-case social', { url: `${SITE}?utm_source=LinkedIn&utm_medium=SOCIAL` }, 'social'],
  ['social source host', { url: `${SITE}?utm_source=t.co` }, 'social'],
  ['upper-case UTM names', { url: `${SITE}?UTM_SOURCE=facebook` }, 'social'],
  ['organic medium', { url: `${SITE}?utm_source=bing&utm_medium=organic` }, 'organic'],
  ['organic medium, any source', { url: `${SITE}?utm_source=blog&utm_medium=Organic` }, 'organic'],
  ['search source name', { url: `${SITE}?utm_source=DuckDuckGo` }, 'organic'],
  ['email medium', { url: `${SITE}?utm_source=newsletter&utm_medium=email` }, 'email'],
  ['email source', { url: `${SITE}?utm_source=E-Mail` }, 'email'],
  ['e_mail medium', { url: `${SITE}?utm_medium=e_mail` }, 'email'],
  ['referral medium', { url: `${SITE}?utm_source=partner&utm_medium=referral` }, 'referral'],
  ['affiliate medium', { url: `${SITE}?utm_medium=affiliate` }, 'referral'],
  ['tagged direct', { url: `${SITE}?utm_source=(direct)&utm_medium=(none)` }, 'direct'],
  ['unmatched UTM, no referrer', { url: `${SITE}?utm_source=poster&utm_medium=print` }, 'direct'],
  [
    'unmatched UTM, social referrer',
    { url: `${SITE}?utm_source=poster&utm_medium=print`, referrer: 'https://www.reddit.com/r/x' },
    'social',
  ],
  // Click ids
  ['google click id', { url: `${SITE}?gclid=abc123` }, 'paid'],
  ['bing click id', { url: `${SITE}?msclkid=x9`, referrer: 'https://www.bing.com/' }, 'paid'],
  ['empty click id', { url: `${SITE}?gclid=`, referrer: 'https://www.google.com/' }, 'organic'],
  [
    'facebook click id is not paid',
    { url: `${SITE}?fbclid=abc`, referrer: 'https://l.facebook.com/' },
    'social',
  ],
  // 4site referral codes
  ['referral code', { url: `${SITE}?ref=ab12cd34` }, 'referral', 'ab12cd34'],
  [
    'referral code over referrer',
    { url: `${SITE}?ref=ab12cd34`, referrer: 'https://t.co/xyz' },
    'referral',
    'ab12cd34',
  ],
  [
    'UTM over referral code',
    { url: `${SITE}?ref=ab12cd34&utm_source=twitter&utm_medium=social` },
    'social',
    'ab12cd34',
  ],
  ['upper-case code name', { url: `${SITE}?REF=ab12cd34` }, 'referral', 'ab12cd34'],
  ['too short a code', { url: `${SITE}?ref=x` }, 'direct'],
  ['code with markup', { url: `${SITE}?ref=%3Cscript%3E` }, 'direct'],
  // Referrer hosts
  ['google', { url: SITE, referrer: 'https://www.google.com/' }, 'organic'],
  ['google abroad', { url: SITE, referrer: 'https://www.google.co.uk/search?q=x' }, 'organic'],
  ['yahoo search', { url: SITE, referrer: 'https://uk.search.yahoo.com/' }, 'organic'],
  ['duckduckgo', { url: SITE, referrer: 'https://duckduckgo.com/' }, 'organic'],
  ['bing with a trailing dot', { url: SITE, referrer: 'https://www.bing.com./' }, 'organic'],
  ['gmail in a browser', { url: SITE, referrer: 'https://mail.google.com/mail/u/0/' }, 'email'],
  ['outlook in a browser', { url: SITE, referrer: 'https://outlook.live.com/' }, 'email'],
  ['facebook link shim', { url: SITE, referrer: 'https://l.facebook.com/' }, 'social'],
  ['twitter short link', { url: SITE, referrer: 'https://t.co/abc' }, 'social'],
  ['hacker news', { url: SITE, referrer: 'https://news.ycombinator.com/item?id=1' }, 'social'],
  ['upper-case host', { url: SITE, referrer: 'HTTPS://WWW.REDDIT.COM/r/x' }, 'social'],
  ['github', { url: SITE, referrer: 'https://github.com/octo/repo' }, 'referral'],
  ['google docs', { url: SITE, referrer: 'https://docs.google.com/document/d/1' }, 'referral'],
  ['international host', { url: SITE, referrer: 'https://bücher.example/' }, 'referral'],
  // Internal, missing and malformed referrers
  ['internal referrer', { url: SITE, referrer: 'https://4site.pro/pricing' }, 'direct'],
  ['internal with www', { url: SITE, referrer: 'https://www.4site.pro/' }, 'direct'],
  ['subdomain of the site', { url: SITE, referrer: 'https://blog.4site.pro/' }, 'referral'],
  [
    'internal by siteHost',
    { url: '/?x=1', siteHost: '4site.pro', referrer: 'https://4site.pro/a' },
    'direct',
  ],
  ['missing referrer', { url: SITE }, 'direct'],
  ['empty referrer', { url: SITE, referrer: '' }, 'direct'],
  ['null referrer', { url: SITE, referrer: null }, 'direct'],
  ['malformed referrer', { url: SITE, referrer: 'not a url' }, 'direct'],
  ['about:blank referrer', { url: SITE, referrer: 'about:blank' }, 'direct'],
  // Android app referrers
  ['gmail app', { url: SITE, referrer: 'android-app://com.google.android.gm/' }, 'email'],
  [
    'google app',
    { url: SITE, referrer: 'android-app://com.google.android.googlequicksearchbox/https/g.co' },
    'organic',
  ],
  ['other app', { url: SITE, referrer: 'android-app://com.slack/' }, 'referral'],
  // Malformed and relative landings
  [
    'malformed landing, social referrer',
    { url: 'http://[::1', referrer: 'https://twitter.com/' },
    'social',
  ],
  ['malformed landing with UTM', { url: 'http://[::1/?utm_medium=cpc' }, 'direct'],
  [
    'relative landing with siteHost',
    { url: '/?utm_source=bing&utm_medium=organic', siteHost: '4site.pro' },
    'organic',
  ],
  ['relative landing alone', { url: '/?utm_medium=cpc' }, 'direct'],
  ['URL object', { url: new URL(`${SITE}?utm_medium=email`) }, 'email'],
];

describe('classifySource', () => {
  it('has a case table of at least 40 rows', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('classifies %s', (_case, input, channel, referralCode) => {
    const expected = referralCode ? { channel, referralCode } : { channel };

    expect(classifySource(input)).toEqual(expected);
  });

  it('reads a referral code from a configured parameter', () => {
    const options: ClassifySourceOptions = { referralParam: 'invite' };

    expect(classifySource({ url: `${SITE}?invite=abcd1234` }, options)).toEqual({
      channel: 'referral',
      referralCode: 'abcd1234',
    });
  });

  it('checks codes against a configured pattern', () => {
    const options: ClassifySourceOptions = { referralCodePattern: /^[a-z0-9]{8}$/g };
    const input = { url: `${SITE}?ref=ab12cd34` };

    expect(classifySource(input, options).referralCode).toBe('ab12cd34');
    expect(classifySource(input, options).referralCode).toBe('ab12cd34');
    expect(classifySource({ url: `${SITE}?ref=AB12` }, options)).toEqual({ channel: 'direct' });
  });
});
