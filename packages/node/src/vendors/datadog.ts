import type { Logger } from '@4site/monitor-core';
import type { DogStatsDOptions } from './dogstatsd';
import { loadOptional } from './load-optional';
import { scrubSpansOnFinish } from './scrub-spans';

/**
 * DataDog settings, with dd-trace's own option names so its docs apply; other `tracer.init()`
 * options are passed through. dd-trace is loaded only when `tracing` is on.
 */
export interface DatadogOptions {
  /** Starts dd-trace for APM. Default: true. With false, only DogStatsD metrics are sent. */
  tracing?: boolean;
  /** Trace agent URL, such as `http://127.0.0.1:8126`. Default: dd-trace's (`DD_TRACE_AGENT_URL`). */
  url?: string;
  /** Default: the monitor's `service`. */
  service?: string;
  /** Default: the monitor's `environment`. */
  env?: string;
  /** Default: the monitor's `release`. */
  version?: string;
  /** Tags on every span and metric, such as `{ team: 'growth' }`. Default: none. */
  tags?: Record<string, string>;
  /** How often dd-trace sends spans, in milliseconds. Default: dd-trace's (2000). */
  flushInterval?: number;
  /** DogStatsD for business metrics; `false` turns it off. Default: the local agent. */
  dogstatsd?: DogStatsDOptions | false;
  /** Any other `tracer.init()` option. */
  [option: string]: unknown;
}

/** The parts of dd-trace's tracer that the monitor uses. */
interface Tracer {
  init(options: Record<string, unknown>): Tracer;
  _initialized?: boolean;
  _tracer?: { _exporter?: { flush?(done: () => void): void } };
}

/** Identity of the service, shared by every vendor. */
export interface ServiceIdentity {
  readonly service: string;
  readonly environment: string;
  readonly release: string | undefined;
}

/**
 * Starts dd-trace, which then owns tracing: it instruments http, Express and pg, and names
 * request spans by route template. When the preload already started it, it is reused as is.
 * Returns a function that flushes pending spans.
 */
export function startTracer(
  options: DatadogOptions,
  identity: ServiceIdentity,
  logger: Logger,
): (timeoutMillis: number) => Promise<boolean> {
  const tracer = loadOptional<Tracer>('dd-trace', '>=5.132.0 <7', 'datadog');
  if (tracer._initialized) {
    logger.info('dd-trace was started by the preload; its DD_* settings apply.');
  } else {
    const { tracing: _tracing, dogstatsd: _dogstatsd, ...rest } = options;
    tracer.init({
      service: identity.service,
      env: identity.environment,
      ...(identity.release ? { version: identity.release } : {}),
      ...rest,
    });
    logger.info('dd-trace owns tracing.');
  }
  scrubSpansOnce();
  return (timeoutMillis) => flushTracer(tracer, timeoutMillis);
}

let scrubbingSpans = false;

// dd-trace is one tracer per process, so one subscription serves every monitor and is kept.
function scrubSpansOnce(): void {
  if (scrubbingSpans) return;
  scrubbingSpans = true;
  scrubSpansOnFinish();
}

function flushTracer(tracer: Tracer, timeoutMillis: number): Promise<boolean> {
  // dd-trace has no public flush; its exporter's flush is what its own exit hook calls.
  const exporter = tracer._tracer?._exporter;
  if (typeof exporter?.flush !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMillis);
    exporter.flush?.(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
