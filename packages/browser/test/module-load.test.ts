import { expect, it, vi } from 'vitest';

// A file of its own: resetting the module registry would give the other tests' monitors their own
// copies of classes such as MonitorError.
it('adds no listener at module load', async () => {
  const addWindowListener = vi.spyOn(window, 'addEventListener');
  const addDocumentListener = vi.spyOn(document, 'addEventListener');
  vi.resetModules();

  const fresh = await import('../src/index');

  expect(typeof fresh.initMonitor).toBe('function');
  expect(addWindowListener).not.toHaveBeenCalled();
  expect(addDocumentListener).not.toHaveBeenCalled();
});
