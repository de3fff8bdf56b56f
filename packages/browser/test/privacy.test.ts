import { describe, expect, it } from 'vitest';
import { scrubDeep, scrubHeaders, scrubText } from '../src/privacy/scrub-url';
import { scrubRumEvent } from '../src/vendors/datadog-sink';
import { scrubEvent } from '../src/vendors/sentry-sink';

describe('scrubText', () => {
  it.each([
    [
      'https://a.io/cb?code=abc&state=xyz&page=2',
      'https://a.io/cb?code=[Filtered]&state=[Filtered]&page=2',
    ],
    ['/reset?token=s3cr3t', '/reset?token=[Filtered]'],
    ['/login?next=/home&access_token=eyJabc', '/login?next=/home&access_token=[Filtered]'],
    ['mail ada@example.com now', 'mail [Filtered] now'],
    ['/u?who=ada%40example.com', '/u?who=[Filtered]'],
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [Filtered]'],
    ['plain text', 'plain text'],
    ['release 4site-web@1.2.3', 'release 4site-web@1.2.3'],
    ['/?q=call%20Bearer%20abc123&page=2', '/?q=[Filtered]&page=2'],
    ['/?q=hello%20world', '/?q=hello%20world'],
  ])('masks %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('masks a JWT inside a message', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl';

    expect(scrubText(`bad token ${jwt}`)).toBe('bad token [Filtered]');
  });
});

describe('scrubDeep depth', () => {
  it('keeps the fields of a stack frame', () => {
    const frame = { filename: '/app.js', lineno: 3 };
    const event = { exception: { values: [{ stacktrace: { frames: [frame] } }] } };

    expect(scrubDeep(event)).toEqual(event);
  });
});

describe('scrubHeaders', () => {
  it('masks credentials and cookies', () => {
    const headers = scrubHeaders({ Authorization: 'Bearer x', Cookie: 'sid=1', Accept: 'json' });

    expect(headers).toEqual({ Authorization: '[Filtered]', Cookie: '[Filtered]', Accept: 'json' });
  });
});

describe('scrubDeep', () => {
  it('masks sensitive keys and strings at any depth', () => {
    const value = scrubDeep({ a: { email: 'x', note: 'to ada@example.com' }, list: ['?token=1'] });

    expect(value).toEqual({
      a: { email: '[Filtered]', note: 'to [Filtered]' },
      list: ['?token=[Filtered]'],
    });
  });
});

describe('scrubEvent', () => {
  it('removes personal data from a Sentry event', () => {
    const event = scrubEvent({
      type: undefined,
      message: 'failed for ada@example.com',
      user: { id: 'u1', email: 'ada@example.com', ip_address: '1.2.3.4' },
      request: {
        url: 'https://4site.pro/?token=abc',
        headers: { Authorization: 'Bearer abc', 'User-Agent': 'x' },
        cookies: { sid: 'abc' },
      },
      breadcrumbs: [{ category: 'fetch', data: { url: '/api?api_key=k' } }],
      exception: { values: [{ type: 'Error', value: 'token eyJhbGciOi.eyJzdWIiOi.sig leaked' }] },
    });

    expect(event.message).toBe('failed for [Filtered]');
    expect(event.user).toEqual({ id: 'u1' });
    expect(event.request?.url).toBe('https://4site.pro/?token=[Filtered]');
    expect(event.request?.headers).toEqual({ Authorization: '[Filtered]', 'User-Agent': 'x' });
    expect(event.request?.cookies).toBeUndefined();
    expect(event.breadcrumbs?.[0]?.data).toEqual({ url: '/api?api_key=[Filtered]' });
    expect(event.exception?.values?.[0]?.value).toBe('token [Filtered] leaked');
  });

  it('keeps the processing metadata object', () => {
    const metadata = { scope: new Map() };
    const event = scrubEvent({ type: undefined, message: 'x', sdkProcessingMetadata: metadata });

    expect(event.sdkProcessingMetadata).toBe(metadata);
  });
});

describe('scrubRumEvent', () => {
  it('masks URLs, messages and the context in place', () => {
    const event = {
      type: 'error',
      view: { url: 'https://4site.pro/?email=ada@example.com', referrer: '' },
      error: { message: 'no user ada@example.com', stack: 'at /?token=abc' },
      context: { note: 'ada@example.com', password: 'x' },
    };

    scrubRumEvent(event as never);

    expect(event.view.url).toBe('https://4site.pro/?email=[Filtered]');
    expect(event.error).toEqual({ message: 'no user [Filtered]', stack: 'at /?token=[Filtered]' });
    expect(event.context).toEqual({ note: '[Filtered]', password: '[Filtered]' });
  });
});
