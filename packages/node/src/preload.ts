import { createRequire } from 'node:module';
import type { Logger } from '@4site/monitor-core';

// Set by `--import @4site/monitor-node/register`; a global survives a second copy of the package.
const PRELOADED = Symbol.for('@4site/monitor-node/preloaded');
type Slot = { [PRELOADED]?: true };

/** Records that the preload ran, before the app loaded anything. */
export function markPreloaded(): void {
  (globalThis as Slot)[PRELOADED] = true;
}

/** Returns whether `--import @4site/monitor-node/register` ran in this process. */
export function isPreloaded(): boolean {
  return (globalThis as Slot)[PRELOADED] === true;
}

/**
 * Warns once when Express was loaded before a vendor that patches modules started, because
 * that vendor then cannot instrument it. Express is CommonJS, so it is in the require cache even
 * when an ES module imported it.
 */
export function warnIfLoadedTooLate(logger: Logger): void {
  if (isPreloaded()) return;
  const cache = createRequire(import.meta.url).cache;
  const loaded = Object.keys(cache).some((path) => /[\\/]node_modules[\\/]express[\\/]/.test(path));
  if (!loaded) return;
  logger.warnOnce(
    'Express was loaded before initMonitor(), so the tracer (dd-trace, or Sentry with tracesSampleRate) cannot instrument it: start node with `--import @4site/monitor-node/register` (or call initMonitor() in a file loaded with --import).',
  );
}
