// The few helpers that code loaded at a page's start-up needs, as an entry of their own: a
// bundler that splits code by file then leaves the rest of this package to the later chunks.
export { MonitorError } from './errors';
export { guardConfig, guardRuntime } from './guard';
export type { Logger, LoggerOptions } from './logger';
export { createNoopMonitor } from './noop';
export { DROP_REASONS, type DropReason, type MonitorStats } from './stats';
