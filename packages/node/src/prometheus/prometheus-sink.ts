import {
  type AnyEventDefinition,
  type Catalog,
  type CoreMonitor,
  DROP_REASONS,
  type Logger,
  type MonitorEvent,
  type Sink,
} from '@4site/monitor-core';
import { Counter, type Registry } from 'prom-client';
import { ensureMetric } from './ensure-metric';
import { createEventHistograms } from './event-histograms';
import {
  acceptPendingCounts,
  collectPendingCounts,
  createPendingCounter,
  type PendingCounter,
} from './pending-counter';

// Series of a counter are created at 0 up front only while their count stays this small.
const MAX_PRECREATED_SERIES = 64;

/** Settings of the Prometheus sink. */
export interface PrometheusSinkOptions {
  readonly registry: Registry;
  readonly catalog: Catalog;
  readonly prefix: string;
  readonly logger: Logger;
  /** Distinct values per label before the rest share `other`. */
  readonly maxLabelValues: number;
}

/**
 * Creates the sink that turns each business event into a `<prefix>_<metric>_total` counter and,
 * for the events that carry a measurement, an observation of its histogram.
 */
export function createPrometheusSink(options: PrometheusSinkOptions): Sink {
  const { registry, catalog, prefix, logger } = options;
  const counters = new Map<string, PendingCounter>();
  for (const definition of Object.values(catalog)) {
    counters.set(definition.name, createEventCounter(options, definition));
  }
  const histograms = createEventHistograms(registry, catalog, prefix);
  const errors = ensureMetric(registry, `${prefix}_errors_total`, () => {
    return new Counter({ name: `${prefix}_errors_total`, help: 'Errors captured.', registers: [] });
  });
  logger.debug(`Registered ${counters.size} business counters with prefix "${prefix}".`);

  return {
    name: 'prometheus',
    handleEvent(event: MonitorEvent) {
      const entry = counters.get(event.name);
      entry?.inc(event.labels);
      histograms.observe(event);
    },
    handleError() {
      errors.inc();
    },
  };
}

function createEventCounter(
  options: PrometheusSinkOptions,
  definition: AnyEventDefinition,
): PendingCounter {
  const name = `${options.prefix}_${definition.metric}_total`;
  const labelNames = Object.keys(definition.labels);
  const counter = ensureMetric(options.registry, name, () => {
    const help = `Count of "${definition.name}" events.`;
    const created = new Counter({
      name,
      help,
      labelNames,
      registers: [],
      collect: collectPendingCounts,
    });
    acceptPendingCounts(created);
    return created;
  });
  const pending = createPendingCounter(counter, labelNames, options.maxLabelValues);
  const combinations = labelCombinations(definition);
  if (combinations.length <= MAX_PRECREATED_SERIES) {
    for (const labels of combinations) pending.zero(labels);
  }
  return pending;
}

function labelCombinations(definition: AnyEventDefinition): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}];
  for (const [label, values] of Object.entries(definition.labels)) {
    combinations = combinations.flatMap((partial) =>
      values.map((value) => ({ ...partial, [label]: value })),
    );
  }
  return combinations;
}

/** Registers a counter of dropped events by reason, read from the monitor's stats at scrape. */
export function registerDropCounter(registry: Registry, monitor: CoreMonitor, prefix: string) {
  const name = `${prefix}_monitor_events_dropped_total`;
  ensureMetric(registry, name, () => {
    return new Counter({
      name,
      help: 'Events that the monitor did not deliver, by reason.',
      labelNames: ['reason'],
      registers: [],
      collect() {
        const { dropped } = monitor.stats();
        this.reset();
        for (const reason of DROP_REASONS) this.labels(reason).inc(dropped[reason]);
      },
    });
  });
}
