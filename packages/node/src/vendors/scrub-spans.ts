import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { scrubError, scrubText } from '@4site/monitor-core';

// dd-trace publishes every span on this channel when it finishes and before it is encoded for
// the agent (dd-trace 5.132 to 6, `opentracing/span.js`). dd-trace has no public hook for all
// spans, so this one is the place where tags can still change.
// NOTE: The channel name is internal to dd-trace; a dd-trace release that renames it turns this
// scrubbing off without an error. The privacy test of the express package catches that.
const SPAN_FINISH_CHANNEL = 'dd-trace:span:finish';

/** The parts of a dd-trace span that the scrubbing touches. */
interface TracedSpan {
  context?(): { getTags?(): Record<string, unknown> };
}

/**
 * Scrubs the tags of every finished dd-trace span, such as `http.url` with a query string or
 * `error.message` with an e-mail address. Returns the function that stops it.
 */
export function scrubSpansOnFinish(): () => void {
  const onFinish = (span: unknown): void => scrubSpanTags(span as TracedSpan);
  subscribe(SPAN_FINISH_CHANNEL, onFinish);
  return () => {
    unsubscribe(SPAN_FINISH_CHANNEL, onFinish);
  };
}

/**
 * Replaces personal data in a span's tags in place: every string tag passes through
 * `scrubText()`, and an error object, which dd-trace turns into `error.message` and `error.stack`
 * only when it encodes the span, is replaced by a scrubbed copy. dd-trace's own `_dd.*` tags stay.
 */
export function scrubSpanTags(span: TracedSpan): void {
  const tags = span?.context?.().getTags?.();
  if (!tags) return;
  for (const [key, value] of Object.entries(tags)) {
    if (key.startsWith('_dd.')) continue;
    if (typeof value === 'string') {
      const scrubbed = scrubText(value);
      if (scrubbed !== value) tags[key] = scrubbed;
    } else if (value instanceof Error) {
      tags[key] = scrubError(value);
    }
  }
}
