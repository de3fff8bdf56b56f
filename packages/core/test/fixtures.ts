import type { StandardSchemaV1 } from '@standard-schema/spec';
import { defineCatalog, defineEvent } from '../src';

type Order = { orderId: string; plan: string };

/** A hand-written Standard Schema, so core's tests need no schema library. */
const orderSchema: StandardSchemaV1<Order> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate(value) {
      const input = value as Partial<Order> | null;
      if (typeof input?.orderId !== 'string') {
        return { issues: [{ message: 'orderId must be a string', path: ['orderId'] }] };
      }
      return { value: { orderId: input.orderId, plan: String(input.plan) } };
    },
  },
};

export const orderEvent = defineEvent({
  name: 'order',
  metric: 'orders',
  schema: orderSchema,
  labels: { plan: ['free', 'pro'] },
  idempotencyKey: 'orderId',
  ingest: true,
});

export const catalog = defineCatalog(orderEvent);
