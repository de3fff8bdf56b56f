import type { Logger } from '@4site/monitor-core';
import type { VendorDropCounter } from './vendor-drops';
import type { ApiOrigin } from './vendor-options';

/** Settings and state that the monitor shares with the vendor integrations it loads. */
export interface VendorContext {
  readonly logger: Logger;
  readonly service: string;
  readonly environment: string;
  readonly release: string | undefined;
  /** Origins of the app's APIs, where both vendors add their trace headers. */
  readonly apiOrigins: readonly ApiOrigin[];
  /** First-party path that forwards vendor traffic, without a trailing slash; or undefined. */
  readonly proxy: string | undefined;
  /** Whether the visitor's consent currently allows sending. */
  consentGranted(): boolean;
  /** Landing attribution to attach to an event of this name, or undefined. */
  attributionFor(eventName: string): Readonly<Record<string, unknown>> | undefined;
  /** Counts of items that the vendor SDKs dropped, which `monitor.stats()` reports. */
  readonly drops: VendorDropCounter;
  /** The element selector that a web vital with this metric id points at, if known. */
  vitalTarget(metricId: string): string | undefined;
}

/**
 * Creates a filter that returns true the first time it receives an error object and false
 * afterwards, so an error that reaches `captureError()` twice (an error boundary and a global
 * handler, or a component that StrictMode renders twice) is reported once. Primitives, such as
 * a thrown string, always pass.
 */
export function createReportFilter(): (error: unknown) => boolean {
  const reported = new WeakSet<object>();
  return (error) => {
    if (typeof error !== 'object' || error === null) return true;
    if (reported.has(error)) return false;
    reported.add(error);
    return true;
  };
}
