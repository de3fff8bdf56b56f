import { describe, expect, it } from 'vitest';
import { detectChannel } from '../src/channel';

const page = (query = '') => new URL(`https://4site.pro/${query}`);

describe('detectChannel', () => {
  it.each([
    ['?ref=abc12345', '', 'referral'],
    ['?ref=abc12345&utm_medium=cpc', 'https://www.google.com/', 'referral'],
    ['?utm_medium=cpc', '', 'paid'],
    ['?utm_medium=Paid', 'https://www.google.com/', 'paid'],
    ['?utm_medium=email', '', 'email'],
    ['?utm_medium=social', '', 'social'],
    ['?utm_medium=podcast', 'https://www.bing.com/', 'organic'],
    ['', 'https://www.google.co.uk/search?q=4site', 'organic'],
    ['', 'https://duckduckgo.com/', 'organic'],
    ['', 'https://t.co/xyz', 'social'],
    ['', 'https://www.linkedin.com/feed/', 'social'],
    ['', 'https://news.ycombinator.com/item?id=1', 'social'],
    ['', 'https://dev.to/some-post', 'referral'],
    ['', 'https://notgoogle.io/', 'referral'],
    ['', 'https://4site.pro/other', 'direct'],
    ['', '', 'direct'],
    ['', 'not a url', 'direct'],
  ])('maps query "%s" and referrer "%s" to %s', (query, referrer, expected) => {
    expect(detectChannel(page(query), referrer)).toBe(expected);
  });
});
