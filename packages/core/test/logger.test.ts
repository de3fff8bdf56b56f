import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src';

function writer() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('createLogger', () => {
  it('writes nothing while disabled', () => {
    const output = writer();
    const logger = createLogger({ writer: output });

    logger.error('hidden');

    expect(output.error).not.toHaveBeenCalled();
  });

  it('prefixes lines when enabled', () => {
    const output = writer();
    const logger = createLogger({ enabled: true, writer: output });

    logger.info('started');

    expect(output.info).toHaveBeenCalledWith('[4site-monitor] started');
  });

  it('prints a warnOnce message once even when disabled', () => {
    const output = writer();
    const logger = createLogger({ writer: output });

    logger.warnOnce('configure me');
    logger.warnOnce('configure me');

    expect(output.warn).toHaveBeenCalledTimes(1);
  });

  it('survives a throwing console', () => {
    const output = writer();
    output.warn.mockImplementation(() => {
      throw new Error('console gone');
    });
    const logger = createLogger({ writer: output });

    expect(() => logger.warnOnce('x')).not.toThrow();
  });
});
