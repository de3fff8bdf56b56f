import { describe, expect, it, vi } from 'vitest';
import { createLogger, createMonitor, MonitorError, type MonitorEvent, type Sink } from '../src';
import { catalog } from './fixtures';

function recordingSink(name = 'recorder') {
  const events: MonitorEvent[] = [];
  const sink: Sink = { name, handleEvent: (event) => events.push(event) };
  return { sink, events };
}

const silent = createLogger({ enabled: false });

describe('createMonitor', () => {
  it('fans an event out to every sink', () => {
    const first = recordingSink('first');
    const second = recordingSink('second');
    const monitor = createMonitor({ catalog, sinks: [first.sink, second.sink], now: () => 42 });

    monitor.track('order', { orderId: 'o-1', plan: 'pro' });

    expect(first.events).toEqual([
      {
        name: 'order',
        properties: { orderId: 'o-1', plan: 'pro' },
        labels: { plan: 'pro' },
        timestamp: 42,
      },
    ]);
    expect(second.events).toHaveLength(1);
  });

  it('maps an undeclared label value to other', () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink] });

    monitor.track('order', { orderId: 'o-1', plan: 'enterprise' });

    expect(events[0]?.labels).toEqual({ plan: 'other' });
  });

  it('counts a repeated idempotency key once', () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink] });

    monitor.track('order', { orderId: 'o-1', plan: 'pro' });
    const outcome = monitor.record('order', { orderId: 'o-1', plan: 'pro' });

    expect(outcome).toBe('duplicate');
    expect(events).toHaveLength(1);
    expect(monitor.stats().dropped.duplicate).toBe(1);
  });

  it('drops invalid input without throwing in production mode', () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink], logger: silent });

    expect(() => monitor.record('order', { orderId: 7 })).not.toThrow();
    expect(monitor.record('nope', {})).toBe('unknown_event');
    expect(events).toHaveLength(0);
    expect(monitor.stats().dropped.invalid).toBe(1);
    expect(monitor.stats().dropped.unknown_event).toBe(1);
  });

  it('throws invalid input back in development mode', () => {
    const monitor = createMonitor({ catalog, mode: 'development', logger: silent });

    expect(() => monitor.record('order', { orderId: 7 })).toThrow(MonitorError);
    expect(() => monitor.record('order', { orderId: 7 })).toThrow(
      /orderId: orderId must be a string/,
    );
  });

  it('isolates a failing sink from the caller and other sinks', () => {
    const broken: Sink = {
      name: 'broken',
      handleEvent: () => {
        throw new Error('vendor down');
      },
    };
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [broken, sink], logger: silent });

    expect(() => monitor.track('order', { orderId: 'o-1', plan: 'pro' })).not.toThrow();
    expect(events).toHaveLength(1);
    expect(monitor.stats().dropped.sink_error).toBe(1);
  });

  it('ignores a second sink with the same name', () => {
    const monitor = createMonitor({ catalog, logger: silent });

    expect(monitor.addSink(recordingSink('same').sink)).toBe(true);
    expect(monitor.addSink(recordingSink('same').sink)).toBe(false);
  });

  it('drops events while consent is not granted', () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink], consent: 'pending' });

    monitor.track('order', { orderId: 'o-1', plan: 'pro' });
    monitor.setConsent('granted');
    monitor.track('order', { orderId: 'o-2', plan: 'pro' });

    expect(events.map((event) => event.properties.orderId)).toEqual(['o-2']);
    expect(monitor.stats().dropped.consent).toBe(1);
  });

  it('drops events after close', async () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink] });

    await monitor.close();
    monitor.track('order', { orderId: 'o-1', plan: 'pro' });

    expect(events).toHaveLength(0);
    expect(monitor.closed).toBe(true);
  });

  it('closes within one timeout when a sink hangs twice', async () => {
    vi.useFakeTimers();
    try {
      const hanging: Sink = {
        name: 'hanging',
        flush: () => new Promise(() => {}),
        close: () => new Promise(() => {}),
      };
      const monitor = createMonitor({ catalog, sinks: [hanging], logger: silent });
      let result: boolean | undefined;
      void monitor.close(1000).then((closed) => {
        result = closed;
      });

      await vi.advanceTimersByTimeAsync(1150);

      expect(result).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a close in progress to a second call', async () => {
    vi.useFakeTimers();
    try {
      const hanging: Sink = { name: 'hanging', flush: () => new Promise(() => {}) };
      const monitor = createMonitor({ catalog, sinks: [hanging], logger: silent });
      const first = monitor.close(1000);
      const second = monitor.close(1000);

      await vi.advanceTimersByTimeAsync(1200);

      expect(await first).toBe(false);
      expect(await second).toBe(false);
      expect(await monitor.close()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('resolves flush to false when a sink times out', async () => {
    const slow: Sink = { name: 'slow', flush: () => new Promise(() => {}) };
    const monitor = createMonitor({ catalog, sinks: [slow] });

    await expect(monitor.flush(20)).resolves.toBe(false);
  });

  it('scrubs personal data from error context', () => {
    const handleError = vi.fn();
    const monitor = createMonitor({ catalog, sinks: [{ name: 'errors', handleError }] });

    monitor.captureError(new Error('boom'), { email: 'a@b.co', note: 'mail c@d.io', step: 2 });

    expect(handleError.mock.calls[0]?.[1]).toEqual({
      email: '[Filtered]',
      note: 'mail [Filtered]',
      step: 2,
    });
  });

  it('passes the identified user to sinks without extra fields', () => {
    const handleScope = vi.fn();
    const monitor = createMonitor({ catalog, sinks: [{ name: 'scope', handleScope }] });

    monitor.identify({ id: 'u1', plan: 'pro', email: 'x@y.z' } as never);

    expect(handleScope.mock.calls[0]?.[0].user).toEqual({ id: 'u1', plan: 'pro' });
  });

  it('ignores an invalid consent value', () => {
    const { sink, events } = recordingSink();
    const monitor = createMonitor({ catalog, sinks: [sink], logger: silent });

    monitor.setConsent('maybe' as never);
    monitor.track('order', { orderId: 'o-1', plan: 'pro' });

    expect(events).toHaveLength(1);
  });

  it('throws an invalid consent value in development mode', () => {
    const monitor = createMonitor({ catalog, mode: 'development', logger: silent });

    expect(() => monitor.setConsent('maybe' as never)).toThrow(/Invalid consent "maybe"/);
  });

  it('counts a throwing getter as invalid input', () => {
    const monitor = createMonitor({ catalog, logger: silent });
    const properties = {
      get orderId(): string {
        throw new Error('getter failed');
      },
    };

    expect(monitor.record('order', properties)).toBe('invalid');
    expect(monitor.stats().dropped.sink_error).toBe(0);
  });

  it('rejects an event name that is not a string', () => {
    const monitor = createMonitor({ catalog, logger: silent });
    const name = {
      toString(): string {
        throw new Error('toString failed');
      },
    };

    expect(monitor.record(name as never, {})).toBe('unknown_event');
  });

  it('survives hostile arguments to scope calls', () => {
    const monitor = createMonitor({ catalog, logger: silent });
    const cyclic: Record<string, unknown> = { step: 1 };
    cyclic.self = cyclic;
    const hostileUser = {
      get id(): string {
        throw new Error('id getter failed');
      },
    };

    expect(() => monitor.identify(hostileUser)).not.toThrow();
    expect(() => monitor.setContext('cyclic', cyclic)).not.toThrow();
    expect(() => monitor.captureError(new Error('x'), cyclic)).not.toThrow();
  });

  it('counts events without their key value every time', () => {
    const { sink, events } = recordingSink();
    const validate = (value: unknown) => ({ value });
    const schema = { '~standard': { version: 1 as const, vendor: 'test', validate } };
    const keyless = createMonitor({
      catalog: { order: { ...catalog.order, schema } },
      sinks: [sink],
      logger: silent,
    });

    keyless.record('order', { plan: 'pro' });
    keyless.record('order', { plan: 'pro' });

    expect(events).toHaveLength(2);
    expect(keyless.stats().dropped.duplicate).toBe(0);
  });
});
