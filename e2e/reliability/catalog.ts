/**
 * The event that the reliability tests count: one checkout per `orderId`. It is defined here
 * without importing the core, so that the page bundle and the test server share the file. The
 * event has no idempotency key, so only the ingest endpoint's event-id window can keep a resent
 * event from counting twice.
 */
const orderSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'reliability-test',
    validate(value: unknown) {
      const orderId = (value as { orderId?: unknown } | null)?.orderId;
      if (typeof orderId === 'string' && /^[\w-]{1,64}$/.test(orderId)) {
        return { value: { orderId } };
      }
      return { issues: [{ message: 'orderId must be 1 to 64 word characters' }] };
    },
  },
};

export const checkoutEvent = Object.freeze({
  name: 'checkout' as const,
  metric: 'checkouts',
  schema: orderSchema,
  labels: Object.freeze({}),
  ingest: true,
});

export const reliabilityCatalog = Object.freeze({ checkout: checkoutEvent });
