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
});
