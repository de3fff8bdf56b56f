import type { Catalog } from '@4site/monitor-core';
import type { NodeMonitor } from '@4site/monitor-node';

/** The parts of a Node monitor that the Express handlers use, whatever its catalog. */
export type MonitorLike = Pick<
  NodeMonitor<Catalog>,
  | 'registry'
  | 'logger'
  | 'catalog'
  | 'record'
  | 'captureError'
  | 'service'
  | 'closed'
  | 'prefix'
  | 'withRequest'
>;
