import { MonitorError } from '@4site/monitor-core';
import { describe, expect, it } from 'vitest';
import { closeOnSignal, createNodeMonitor } from '../src';

function monitor() {
  return createNodeMonitor({ prometheus: { defaultMetrics: false, cluster: false } });
}

describe('closeOnSignal options', () => {
  it.each([
    [{ signals: 'SIGTERM' }, /Invalid signals "SIGTERM": pass an array of signal names/],
    [{ signals: ['SIGTERM', 'TERM'] }, /Invalid signal "TERM" in signals/],
    [{ signals: ['SIGKILL'] }, /Invalid signal "SIGKILL"/],
    [{ timeoutMillis: Number.NaN }, /Invalid timeoutMillis NaN: use a finite number/],
    [{ timeoutMillis: -1 }, /Invalid timeoutMillis -1/],
    [{ timeoutMillis: '5000' }, /Invalid timeoutMillis "5000"/],
  ])('rejects %o', async (options, message) => {
    const target = monitor();
    const before = process.listenerCount('SIGTERM');
    const call = () => closeOnSignal(target, options as never);
    expect(call).toThrow(MonitorError);
    expect(call).toThrow(message);
    // No listener was added, not even one per letter of a string.
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(process.listenerCount('S')).toBe(0);
    await target.close();
  });

  it('listens to each signal of the array', async () => {
    const target = monitor();
    const before = process.listenerCount('SIGUSR2');
    const remove = closeOnSignal(target, { signals: ['SIGUSR2'], timeoutMillis: 0 });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    remove();
    await target.close();
  });
});
