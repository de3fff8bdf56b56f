export * from './alerts';
export { createDeduper, type DedupeOptions, type Deduper } from './dedupe';
export { MonitorError } from './errors';
export {
  type AnyEventDefinition,
  type Catalog,
  defineCatalog,
  defineEvent,
  type EventDefinition,
  type EventName,
  type EventProperties,
  type LabelValues,
} from './event';
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogWriter,
} from './logger';
export {
  type CoreMonitor,
  type CoreMonitorOptions,
  createMonitor,
  type MonitorMode,
  type TrackOutcome,
} from './monitor';
export { createNoopMonitor } from './noop';
export { FILTERED, scrub } from './scrub';
export { DROP_REASONS, type DropReason, type MonitorStats } from './stats';
export type { ConsentState, Monitor, MonitorScope, MonitorUser, Sink } from './types';
export {
  formatIssues,
  type MonitorEvent,
  OTHER_LABEL_VALUE,
  type ValidationResult,
  validateEvent,
} from './validate';
