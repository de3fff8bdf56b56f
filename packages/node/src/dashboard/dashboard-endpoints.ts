import type { IncomingMessage, ServerResponse } from 'node:http';
import { createKpiSink } from '@4site/monitor-business';
import type { AlertsSnapshot } from '@4site/monitor-core';
import type { NodeMonitor } from '../init';
import { createAccessCheck, sendJsonError } from './access';
import { createEventStreams, formatEvent } from './event-stream';
import { type DashboardEndpointsOptions, resolveOptions } from './options';
import { createSampler, type DashboardPoint, type DashboardSample, toPoint } from './sample';

/** The JSON document of `<basePath>/kpis` and of the first event of `<basePath>/events`. */
export interface DashboardDocument {
  /** The latest sample; null before the first one. */
  readonly current: DashboardSample | null;
  /** Compact samples, oldest first, at most `historyLength`. */
  readonly history: readonly DashboardPoint[];
  /** Alert states; null when no alert source was given. */
  readonly alerts: AlertsSnapshot | null;
}

type Handler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

/** The dashboard endpoints of a Node monitor. */
export interface DashboardEndpoints {
  /** Routes `<basePath>/kpis` and `<basePath>/events` and calls `next()` for anything else. */
  readonly middleware: Handler;
  /** GET returns the `DashboardDocument` as JSON. */
  readonly kpisHandler: Handler;
  /** GET opens a server-sent-event stream: `snapshot` first, then a `sample` per interval. */
  readonly eventsHandler: Handler;
  /** Takes a sample now, sends it to the event streams and returns it. */
  sample(): Promise<DashboardSample>;
  document(): DashboardDocument;
  /** Stops sampling and ends every event stream. The monitor's `close()` calls it too. */
  close(): void;
}

/**
 * Creates the endpoints behind a live dashboard: the current KPIs, a history ring sampled every
 * `sampleIntervalMillis`, and the alert states, as JSON and as server-sent events. Handlers are
 * plain `(req, res, next)` functions, so they mount in Express 4 and 5 or `node:http`. Throws a
 * MonitorError at start-up on an invalid option.
 */
export function createDashboardEndpoints(
  monitor: NodeMonitor,
  options: DashboardEndpointsOptions = {},
): DashboardEndpoints {
  const resolved = resolveOptions(options);
  // Own sink names, because a monitor ignores a second sink with a name it already has.
  const kpiSink = options.kpiSink ?? createKpiSink({ name: `dashboard-kpi:${resolved.basePath}` });
  if (!options.kpiSink) monitor.addSink(kpiSink);
  const sampler = createSampler({
    ...resolved,
    registry: monitor.registry,
    prefix: monitor.prefix,
    kpiSink,
  });
  const streams = createEventStreams({ ...resolved, logger: monitor.logger });
  const allowed = createAccessCheck(resolved.access, monitor.logger);
  const history: DashboardPoint[] = [];
  let current: DashboardSample | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const alerts = () => options.alerts?.toJSON() ?? null;
  const document = (): DashboardDocument => ({ current, history: [...history], alerts: alerts() });

  const sample = async () => {
    const next = await sampler.sample(resolved.now());
    current = next;
    history.push(toPoint(next));
    if (history.length > resolved.historyLength) history.shift();
    streams.broadcast('sample', { current: next, point: toPoint(next), alerts: alerts() });
    return next;
  };
  const tick = () => {
    sample().catch((error) => monitor.logger.error('Dashboard sample failed.', error));
  };

  const guard = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendJsonError(response, 405, `Method ${request.method} not allowed: use GET.`);
      return false;
    }
    return allowed(request, response);
  };

  const kpisHandler: Handler = (request, response) => {
    if (!guard(request, response)) return;
    response.statusCode = 200;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('cache-control', 'no-store');
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(document()));
  };
  const eventsHandler: Handler = (request, response) => {
    if (!guard(request, response)) return;
    streams.open(request, response, formatEvent('snapshot', document()));
  };

  const close = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    streams.close();
  };
  monitor.addSink({
    name: `dashboard:${resolved.basePath}`,
    close: async () => {
      close();
      return true;
    },
  });
  if (resolved.start) {
    timer = setInterval(tick, resolved.sampleIntervalMillis);
    timer.unref();
    tick();
  }

  return {
    middleware: routeByPath(resolved.basePath, kpisHandler, eventsHandler),
    kpisHandler,
    eventsHandler,
    sample,
    document,
    close,
  };
}

function routeByPath(basePath: string, kpis: Handler, events: Handler): Handler {
  return (request, response, next) => {
    const path = (request.url ?? '').split('?')[0];
    if (path === `${basePath}/kpis`) return kpis(request, response);
    if (path === `${basePath}/events`) return events(request, response);
    if (next) return next();
    sendJsonError(response, 404, `Not found: use ${basePath}/kpis or ${basePath}/events.`);
  };
}
