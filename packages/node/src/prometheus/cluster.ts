import cluster, { type Worker } from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { type MetricJson, type RenderedMetrics, renderExposition } from './render';

const REQUEST = '@4site/monitor:metrics-request';
const RESPONSE = '@4site/monitor:metrics-response';
// One responder per worker process, kept across hot reloads. The latest registry responds.
const RESPONDER = Symbol.for('@4site/monitor-node/cluster-responder');

interface Responder {
  registry: Registry;
  readonly listener: (message: unknown) => void;
}
type Slot = { [RESPONDER]?: Responder };
type Message = { type?: unknown; id?: unknown; metrics?: unknown };

/**
 * In a cluster worker, responds to the primary's requests for metrics with this registry. Returns
 * a function that stops responding. Does nothing outside a worker.
 */
export function serveWorkerMetrics(registry: Registry): () => void {
  if (!cluster.isWorker || typeof process.send !== 'function') return () => {};
  const slot = globalThis as Slot;
  if (slot[RESPONDER]) {
    slot[RESPONDER].registry = registry;
  } else {
    const responder: Responder = { registry, listener: (message) => respond(responder, message) };
    slot[RESPONDER] = responder;
    process.on('message', responder.listener);
  }
  return () => {
    const current = slot[RESPONDER];
    if (current?.registry !== registry) return;
    process.off('message', current.listener);
    delete slot[RESPONDER];
  };
}

function respond(responder: Responder, message: unknown): void {
  const { type, id } = (message ?? {}) as Message;
  if (type !== REQUEST) return;
  responder.registry.getMetricsAsJSON().then(
    (metrics) => process.send?.({ type: RESPONSE, id, metrics }),
    () => process.send?.({ type: RESPONSE, id, metrics: [] }),
  );
}

/** Options of `createClusterMetrics()`. */
export interface ClusterMetricsOptions {
  /** How long a scrape waits for a worker before it uses that worker's last response. Default: 1000 ms. */
  timeoutMillis?: number;
}

/** Metrics of every worker of a cluster, aggregated in the primary. */
export interface ClusterMetrics {
  /** Asks every worker for its metrics and renders their aggregate for an `Accept` header. */
  render(accept?: string): Promise<RenderedMetrics>;
  /** A `node:http` request handler that serves the aggregate. */
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** Stops listening to workers. */
  close(): void;
}

/**
 * Aggregates the metrics of cluster workers in the primary. A worker that does not respond within
 * the timeout is counted with its last response, so a scrape never hangs on a dead worker. The
 * counters and histograms of a worker that exited stay in the sum, so no counter goes down.
 */
export function createClusterMetrics(options: ClusterMetricsOptions = {}): ClusterMetrics {
  const timeoutMillis = options.timeoutMillis ?? 1000;
  const latest = new Map<number, MetricJson[]>();
  const pending = new Map<number, { workerId: number; resolve: (m?: MetricJson[]) => void }>();
  const retired: MetricJson[][] = [];
  let folding: Promise<void> = Promise.resolve();
  let nextId = 1;

  const onMessage = (worker: Worker, message: unknown) => {
    const { type, id, metrics } = (message ?? {}) as Message;
    const request = typeof id === 'number' ? pending.get(id) : undefined;
    if (type !== RESPONSE || !request || request.workerId !== worker.id) return;
    request.resolve(Array.isArray(metrics) ? (metrics as MetricJson[]) : undefined);
  };
  const onExit = (worker: Worker) => {
    for (const request of pending.values()) if (request.workerId === worker.id) request.resolve();
    const last = latest.get(worker.id);
    latest.delete(worker.id);
    // Gauges of a dead worker no longer describe anything; its counts still happened.
    if (last)
      retired.push(last.filter((metric) => ['counter', 'histogram'].includes(String(metric.type))));
    if (retired.length > 16) {
      // Keep the retired snapshots bounded by folding them into one; scrapes wait for it.
      const batch = retired.splice(0);
      folding = folding.then(async () => {
        retired.unshift(await AggregatorRegistry.aggregate(batch).getMetricsAsJSON());
      });
    }
  };
  cluster.on('message', onMessage);
  cluster.on('exit', onExit);

  const ask = (worker: Worker): Promise<MetricJson[] | undefined> => {
    const id = nextId++;
    return new Promise<MetricJson[] | undefined>((resolve) => {
      const timer = setTimeout(() => done(), timeoutMillis);
      const done = (metrics?: MetricJson[]) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(metrics);
      };
      pending.set(id, { workerId: worker.id, resolve: done });
      try {
        worker.send({ type: REQUEST, id });
      } catch {
        done();
      }
    });
  };

  const collect = async (): Promise<MetricJson[][]> => {
    const workers = Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => !!w?.isConnected(),
    );
    await Promise.all(
      workers.map(async (worker) => {
        const metrics = await ask(worker);
        if (metrics) latest.set(worker.id, metrics);
      }),
    );
    await folding;
    return [...latest.values(), ...retired];
  };

  const render = async (accept = '') =>
    renderExposition(AggregatorRegistry.aggregate(await collect()), accept);

  return {
    render,
    handler(req, res) {
      render(String(req.headers.accept ?? '')).then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType }).end(body);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Aggregating metrics failed.\n');
        },
      );
    },
    close() {
      cluster.off('message', onMessage);
      cluster.off('exit', onExit);
      for (const request of pending.values()) request.resolve();
    },
  };
}
