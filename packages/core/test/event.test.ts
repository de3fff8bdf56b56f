import { describe, expect, it } from 'vitest';
import { defineCatalog, defineEvent, MonitorError } from '../src';
import { orderEvent } from './fixtures';

describe('defineEvent', () => {
  it('rejects a name that is not snake_case', () => {
    const define = () => defineEvent({ ...orderEvent, name: 'Order-Placed' });

    expect(define).toThrow(MonitorError);
    expect(define).toThrow(/"Order-Placed"/);
  });

  it('rejects a metric that already ends in _total', () => {
    expect(() => defineEvent({ ...orderEvent, metric: 'orders_total' })).toThrow(/_total suffix/);
  });

  it('rejects a label without values', () => {
    expect(() => defineEvent({ ...orderEvent, labels: { plan: [] } })).toThrow(/lists no values/);
  });

  it('rejects a reserved label name', () => {
    expect(() => defineEvent({ ...orderEvent, labels: { __name__: ['x'] } })).toThrow(
      /label "__name__"/,
    );
  });

  it('defaults ingest to false', () => {
    const { ingest: _ingest, ...rest } = orderEvent;

    expect(defineEvent(rest).ingest).toBe(false);
  });
});

describe('defineCatalog', () => {
  it('rejects duplicate event names', () => {
    expect(() => defineCatalog(orderEvent, orderEvent)).toThrow(/Duplicate event "order"/);
  });
});
