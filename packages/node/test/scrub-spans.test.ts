import { describe, expect, it } from 'vitest';
import { scrubBreadcrumb, scrubEvent } from '../src/vendors/scrub-event';
import { scrubSpanTags } from '../src/vendors/scrub-spans';

function spanWith(tags: Record<string, unknown>) {
  return { context: () => ({ getTags: () => tags }) };
}

describe('scrubSpanTags', () => {
  it('masks string tags and error objects in place', () => {
    const tags: Record<string, unknown> = {
      'http.url': 'http://127.0.0.1/login?email=ada%40example.com&page=2',
      'error.message': 'failed for ada@example.com',
      error: new Error('token=abc rejected'),
      'http.route': '/sites/:id',
      '_dd.code_origin.frames.0.file': '/app/ada@example.com.js',
    };

    scrubSpanTags(spanWith(tags));

    expect(tags['http.url']).toBe('http://127.0.0.1/login?email=[Filtered]&page=2');
    expect(tags['error.message']).toBe('failed for [Filtered]');
    expect((tags.error as Error).message).toBe('token=[Filtered] rejected');
    expect(tags['http.route']).toBe('/sites/:id');
    expect(tags['_dd.code_origin.frames.0.file']).toBe('/app/ada@example.com.js');
  });

  it('ignores a value that is no span', () => {
    expect(() => scrubSpanTags(undefined as never)).not.toThrow();
  });
});

describe('scrubEvent', () => {
  it('masks exception values, causes, contexts and console breadcrumbs', () => {
    const event = scrubEvent({
      release: 'api@1.2.3',
      exception: {
        values: [
          { type: 'Error', value: 'upstream rejected access_token=abc' },
          { type: 'Error', value: 'login failed (password: hunter2)' },
        ],
      },
      contexts: { monitor: { note: 'api_key=k1' } },
      breadcrumbs: [{ category: 'console', message: 'Cookie: session=s1', data: {} }],
      user: { id: 'u1', email: 'ada@example.com' },
      request: { url: '/a', query_string: 'token=t', headers: { cookie: 'session=s1' } },
    });
    const text = JSON.stringify(event);

    expect(text).not.toMatch(/access_token=abc|hunter2|k1|s1|ada@example\.com|token=t\b/);
    expect(event.release).toBe('api@1.2.3');
    expect(event.user).toEqual({ id: 'u1' });
    expect(event.request).toEqual({ url: '/a', query_string: 'token=[Filtered]', headers: {} });
  });

  it('masks the data of a breadcrumb', () => {
    const crumb = scrubBreadcrumb({ message: 'login', data: { arguments: ['password=hunter2'] } });

    expect(crumb).toEqual({ message: 'login', data: { arguments: ['password=[Filtered]'] } });
  });
});
