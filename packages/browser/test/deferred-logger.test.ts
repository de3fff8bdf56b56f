import { createLogger } from '@4site/monitor-core';
import { describe, expect, it, vi } from 'vitest';
import { createDeferredLogger, MAX_WAITING_LOGS } from '../src/deferred-logger';

function writer() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('deferred logger', () => {
  it('passes waiting calls on in order', () => {
    const deferred = createDeferredLogger(true);
    const output = writer();

    deferred.warnOnce('first');
    deferred.info('second');
    deferred.warnOnce('first');
    expect(output.warn).not.toHaveBeenCalled();
    deferred.attach(createLogger({ enabled: true, writer: output }));

    expect(output.warn).toHaveBeenCalledTimes(1);
    expect(String(output.warn.mock.calls[0]?.[0])).toContain('first');
    expect(String(output.info.mock.calls[0]?.[0])).toContain('second');
  });

  it('masks personal data once attached', () => {
    const deferred = createDeferredLogger(true);
    const output = writer();

    deferred.warn('bad endpoint for ada@example.com');
    deferred.attach(createLogger({ enabled: true, writer: output }));

    expect(String(output.warn.mock.calls[0]?.[0])).not.toContain('ada@example.com');
  });

  it('keeps at most the capped number of calls', () => {
    const deferred = createDeferredLogger(true);
    const output = writer();

    for (let i = 0; i < MAX_WAITING_LOGS + 10; i++) deferred.debug(`line ${i}`);
    deferred.attach(createLogger({ enabled: true, writer: output }));

    expect(output.debug).toHaveBeenCalledTimes(MAX_WAITING_LOGS);
  });
});
