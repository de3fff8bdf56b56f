import { describe, expect, it } from 'vitest';
import { createMonitor, MonitorError } from '../src';
import { catalog } from './fixtures';

describe('createMonitor start-up options', () => {
  it.each([
    ['mode', 'dev', /Invalid mode "dev": use production or development/],
    ['mode', true, /Invalid mode true/],
    ['consent', 'yes', /Invalid consent "yes": use granted, denied or pending/],
    ['consent', true, /Invalid consent true/],
  ])('rejects %s %s in both modes', (key, value, message) => {
    for (const mode of ['production', 'development']) {
      const options = { catalog, mode, [key]: value } as never;
      const create = () => createMonitor(options);
      expect(create).toThrow(MonitorError);
      expect(create).toThrow(message);
    }
  });

  it('accepts each documented mode and consent', () => {
    for (const mode of ['production', 'development'] as const) {
      for (const consent of ['granted', 'denied', 'pending'] as const) {
        const monitor = createMonitor({ catalog, mode, consent });
        expect(monitor.mode).toBe(mode);
      }
    }
  });

  it.each([
    [{ maxKeys: 0 }, /Invalid dedupe\.maxKeys 0: use a whole number from 1 to 1000000/],
    [{ maxKeys: 1.5 }, /Invalid dedupe\.maxKeys 1\.5/],
    [{ maxKeys: '10' }, /Invalid dedupe\.maxKeys "10"/],
    [{ maxKeys: 2_000_000 }, /Invalid dedupe\.maxKeys 2000000/],
    [{ ttlMillis: -1 }, /Invalid dedupe\.ttlMillis -1: use a whole number from 1 to 2592000000/],
    [{ ttlMillis: Number.NaN }, /Invalid dedupe\.ttlMillis NaN/],
  ])('rejects dedupe %o', (dedupe, message) => {
    const create = () => createMonitor({ catalog, dedupe: dedupe as never });

    expect(create).toThrow(MonitorError);
    expect(create).toThrow(message);
  });

  it('accepts a dedupe window within range', () => {
    expect(() => createMonitor({ catalog, dedupe: { maxKeys: 1, ttlMillis: 1 } })).not.toThrow();
  });
});
