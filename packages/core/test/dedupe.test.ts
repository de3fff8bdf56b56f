import { describe, expect, it } from 'vitest';
import { createDeduper } from '../src';

describe('createDeduper', () => {
  it('reports a key seen within the window', () => {
    const deduper = createDeduper({ ttlMillis: 1000 });

    expect(deduper.seen('a', 0)).toBe(false);
    expect(deduper.seen('a', 999)).toBe(true);
  });

  it('forgets a key after its time to live', () => {
    const deduper = createDeduper({ ttlMillis: 1000 });

    deduper.seen('a', 0);

    expect(deduper.seen('a', 1000)).toBe(false);
  });

  it('keeps at most maxKeys keys', () => {
    const deduper = createDeduper({ maxKeys: 3 });

    for (let index = 0; index < 10; index++) deduper.seen(`k${index}`, 0);

    expect(deduper.size).toBe(3);
    expect(deduper.seen('k9', 1)).toBe(true);
    expect(deduper.seen('k0', 1)).toBe(false);
  });

  it('keeps a key seen again after it expired', () => {
    const deduper = createDeduper({ ttlMillis: 1000, maxKeys: 5 });

    deduper.seen('a', 0);
    deduper.seen('a', 1500);
    deduper.seen('b', 1600);

    expect(deduper.seen('a', 1700)).toBe(true);
    expect(deduper.size).toBe(2);
  });

  it('stays bounded over many distinct keys', () => {
    const deduper = createDeduper({ maxKeys: 100, ttlMillis: 10 });

    for (let index = 0; index < 50_000; index++) deduper.seen(`k${index}`, index);

    expect(deduper.size).toBeLessThanOrEqual(100);
    expect(deduper.seen('k49999', 50_000)).toBe(true);
  });
});

describe('createDeduper scopes', () => {
  it('keeps the same key apart in different scopes', () => {
    const deduper = createDeduper();

    deduper.seen('k1', 0, 'lead');

    expect(deduper.seen('k1', 1, 'referral')).toBe(false);
    expect(deduper.seen('k1', 2, 'lead')).toBe(true);
  });
});
