import { describe, expect, it } from 'vitest';
import { scrubEventProperties } from '../src/privacy/scrub-event-properties';
import { scrubRumEvent } from '../src/vendors/datadog-sink';

describe('scrubRumEvent', () => {
  it('drops an error whose causes carry personal data', () => {
    const event = {
      type: 'error',
      error: {
        message: 'login failed',
        causes: [{ message: 'rejected access_token=abc', stack: '', source: 'source' }],
      },
    };

    expect(scrubRumEvent(event as never)).toBe(false);
  });

  it('keeps an error whose causes are clean', () => {
    const event = {
      type: 'error',
      error: { message: 'for ada@example.com', causes: [{ message: 'timed out' }] },
    };

    expect(scrubRumEvent(event as never)).toBe(true);
    expect(event.error.message).toBe('for [Filtered]');
  });

  it('masks nested URLs that RUM lets beforeSend change', () => {
    const event = {
      type: 'error',
      error: { message: 'x', handling_stack: 'at /?token=t', resource: { url: '/a?api_key=k' } },
    };

    scrubRumEvent(event as never);

    expect(event.error.handling_stack).toBe('at /?token=[Filtered]');
    expect(event.error.resource.url).toBe('/a?api_key=[Filtered]');
  });
});

describe('scrubEventProperties', () => {
  it('masks personal data in the properties only', () => {
    const event = {
      name: 'visit',
      properties: { channel: 'direct', page: '/u?token=abc&email=ada%40example.com' },
      labels: { channel: 'direct' },
      timestamp: 1,
    };

    const scrubbed = scrubEventProperties(event);

    expect(scrubbed.properties).toEqual({
      channel: 'direct',
      page: '/u?token=[Filtered]&email=[Filtered]',
    });
    expect(scrubbed.labels).toBe(event.labels);
    expect(event.properties.page).toContain('abc');
  });
});
