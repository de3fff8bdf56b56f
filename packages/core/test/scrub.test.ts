import { describe, expect, it } from 'vitest';
import { scrub, scrubError, scrubText } from '../src/scrub';

describe('scrubText', () => {
  it.each([
    ['/reset?token=s3cr3t&page=2', '/reset?token=[Filtered]&page=2'],
    ['/r?session_token=abc', '/r?session_token=[Filtered]'],
    ['email=ada%40example.com&password=hunter2', 'email=[Filtered]&password=[Filtered]'],
    ['session=abc123; theme=dark', 'session=[Filtered]; theme=dark'],
    ['Cookie: session=abc123; theme=dark', 'Cookie: session=[Filtered]; theme=[Filtered]'],
    [
      'raw cookie theme=dark; connect.sid=s%3ACONNSECRET3',
      'raw cookie theme=[Filtered]; connect.sid=[Filtered]',
    ],
    ['{"cookie":"a=1; b=2","n":1}', '{"cookie":"a=[Filtered]; b=[Filtered]","n":1}'],
    ['cookie=abc123', 'cookie=[Filtered]'],
    ['lang=en; connect.sid=s%3Aabc', 'lang=en; connect.sid=[Filtered]'],
    ['the cookie expired', 'the cookie expired'],
    ['failed (password: hunter2, retry)', 'failed (password: [Filtered], retry)'],
    ['{"password":"hunter2","n":1}', '{"password":"[Filtered]","n":1}'],
    ['upstream said access_token=abc', 'upstream said access_token=[Filtered]'],
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [Filtered]'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [Filtered]'],
    ['mail ada@example.com now', 'mail [Filtered] now'],
    ['/u/ada%40example.com/sites', '/u/[Filtered]/sites'],
    ['release 4site-api@1.2.3', 'release 4site-api@1.2.3'],
    ['token expired for user 7', 'token expired for user 7'],
    ['plain text', 'plain text'],
  ])('masks %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('leaves masked text as it is', () => {
    const once = scrubText('/r?token=a&x=1 password: b Cookie: a=1; b=2 cookie: c');

    expect(scrubText(once)).toBe(once);
  });
});

describe('scrub', () => {
  it('masks sensitive keys and the strings of other keys', () => {
    const value = scrub({ password: 'x', note: 'see api_key=abc', nested: { email: 'a@b.io' } });

    expect(value).toEqual({
      password: '[Filtered]',
      note: 'see api_key=[Filtered]',
      nested: { email: '[Filtered]' },
    });
  });
});

describe('scrubError', () => {
  it('masks message, stack, fields and cause', () => {
    const cause = new Error('denied for ada@example.com');
    const error = Object.assign(new Error('login failed, password: hunter2', { cause }), {
      cookie: 'session=abc',
    });

    const copy = scrubError(error) as Error & { cookie: string; cause: Error };

    expect(copy).toBeInstanceOf(Error);
    expect(copy.message).toBe('login failed, password: [Filtered]');
    expect(copy.stack).toContain('login failed, password: [Filtered]');
    expect(copy.stack).not.toContain('hunter2');
    expect(copy.cookie).toBe('[Filtered]');
    expect(copy.cause.message).toBe('denied for [Filtered]');
    expect(error.message).toBe('login failed, password: hunter2');
  });

  it('scrubs a value that is no error', () => {
    expect(scrubError('token=abc')).toBe('token=[Filtered]');
  });
});
