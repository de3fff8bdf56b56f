import { describe, expect, it } from 'vitest';
import { BODY_OVERHEAD_BYTES, encodeEvent, takeBatch, toBody } from '../src/transport/batch';
import { byteLength } from './network';

const event = (page: string) => ({
  name: 'visit',
  properties: { channel: 'direct', page },
  labels: { channel: 'direct' },
  timestamp: 1_733_300_000_000,
});

describe('encodeEvent', () => {
  it('writes the ingest wire format', () => {
    const item = encodeEvent(event('/'));

    expect(JSON.parse(item.json)).toEqual({
      id: item.id,
      name: 'visit',
      properties: { channel: 'direct', page: '/' },
      timestamp: 1_733_300_000_000,
    });
    expect(item.attempts).toBe(0);
  });

  it('gives every event its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => encodeEvent(event('/')).id));

    expect(ids.size).toBe(50);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const item = encodeEvent(event('/café-€'));

    expect(item.bytes).toBe(byteLength(item.json));
    expect(item.bytes).toBe(item.json.length + 3);
  });
});

describe('takeBatch', () => {
  it('takes at most maxEvents events', () => {
    const queue = Array.from({ length: 7 }, (_, i) => encodeEvent(event(`/${i}`)));

    const batch = takeBatch(queue, 5, 60_000);

    expect(batch).toHaveLength(5);
    expect(queue).toHaveLength(2);
  });

  it('keeps each body within maxBytes', () => {
    const queue = Array.from({ length: 40 }, (_, i) => encodeEvent(event(`/page-${i}`)));
    const itemBytes = queue[0]?.bytes ?? 0;
    const maxBytes = BODY_OVERHEAD_BYTES + 3 * itemBytes + 2;

    const batches = [];
    for (let batch = takeBatch(queue, 100, maxBytes); batch.length > 0; ) {
      batches.push(batch);
      batch = takeBatch(queue, 100, maxBytes);
    }

    expect(batches.length).toBeGreaterThan(10);
    expect(batches.flat()).toHaveLength(40);
    for (const batch of batches) expect(byteLength(toBody(batch))).toBeLessThanOrEqual(maxBytes);
  });

  it('fills a body exactly to maxBytes', () => {
    const queue = [encodeEvent(event('/a')), encodeEvent(event('/b'))];
    const exact = byteLength(toBody(queue));

    expect(takeBatch([...queue], 100, exact)).toHaveLength(2);
    expect(takeBatch([...queue], 100, exact - 1)).toHaveLength(1);
  });
});
