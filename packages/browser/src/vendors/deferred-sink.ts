import type { Logger, MonitorScope, Sink } from '@4site/monitor-core';

/** Calls that a deferred sink keeps until its vendor has loaded. */
export const MAX_PENDING_CALLS = 100;

/** A vendor sink, which also hears of route changes to name the vendor's current view. */
export interface VendorSink extends Sink {
  /** Receives the route template of the page after a navigation, such as `/sites/:id`. */
  handlePage?(template: string): void;
}

/** A sink whose vendor SDK is still loading, with the state of that load. */
export interface DeferredSink extends VendorSink {
  /** Resolves to true once the vendor is ready, or to false when it failed to load. */
  readonly ready: Promise<boolean>;
}

/**
 * Wraps a sink that a dynamic import creates. Until the import settles, events and errors wait
 * in a queue of at most 100 calls (later calls are dropped) and are replayed in order. The scope
 * is not queued, because the latest scope is passed on as soon as the sink exists. When the
 * import fails, every call is ignored, so a blocked vendor script never breaks the app.
 */
export function createDeferredSink(
  name: string,
  load: () => Promise<VendorSink>,
  logger: Logger,
): DeferredSink {
  let target: VendorSink | undefined;
  let failed = false;
  let latestScope: MonitorScope | undefined;
  let pending: ((sink: VendorSink) => void)[] = [];

  const call = (work: (sink: VendorSink) => void): void => {
    if (target) work(target);
    else if (!failed && pending.length < MAX_PENDING_CALLS) pending.push(work);
    else if (!failed) logger.warnOnce(`Dropped calls to ${name}: it has not loaded yet.`);
  };

  const ready = load().then(
    (sink) => {
      target = sink;
      if (latestScope) sink.handleScope?.(latestScope);
      for (const work of pending) work(sink);
      pending = [];
      return true;
    },
    () => {
      failed = true;
      pending = [];
      return false;
    },
  );

  return {
    name,
    ready,
    handleEvent: (event, scope) => call((sink) => sink.handleEvent?.(event, scope)),
    handleError: (error, context, scope) =>
      call((sink) => sink.handleError?.(error, context, scope)),
    handlePage: (template) => call((sink) => sink.handlePage?.(template)),
    handleScope(scope) {
      latestScope = scope;
      target?.handleScope?.(scope);
    },
    async flush(timeoutMillis) {
      if (!(await ready) || !target?.flush) return true;
      return target.flush(timeoutMillis);
    },
    async close(timeoutMillis) {
      if (!(await ready) || !target?.close) return true;
      return target.close(timeoutMillis);
    },
  };
}
