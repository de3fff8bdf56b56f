import { MonitorError } from '@4site/monitor-core';

// Messages that bundlers and browsers give when a bare module specifier cannot be resolved.
// Vite replaces a missing optional peer dependency with a module that throws "Could not resolve".
const NOT_INSTALLED =
  /cannot find (module|package)|could not resolve|failed to resolve module specifier|module not found|ERR_MODULE_NOT_FOUND/i;

/**
 * Runs a dynamic import of a vendor SDK. Rejects with a MonitorError that names the package to
 * install when the module is missing. Otherwise it rejects with a MonitorError reporting that
 * the script failed to load, for example when an ad blocker or a network error stopped its chunk.
 */
export async function loadVendor<M>(
  packageName: string,
  option: string,
  importModule: () => Promise<M>,
): Promise<M> {
  try {
    return await importModule();
  } catch (error) {
    const text = `${(error as { code?: unknown })?.code ?? ''} ${String(error)}`;
    if (NOT_INSTALLED.test(text)) {
      throw new MonitorError(
        `The ${option} option is set but ${packageName} is not installed: run ` +
          `\`npm install ${packageName}\`, or remove the ${option} option.`,
        { cause: error },
      );
    }
    throw new MonitorError(
      `Loading ${packageName} failed, so its events are not sent; a content blocker or the ` +
        `network may have stopped the script. The app goes on without it.`,
      { cause: error },
    );
  }
}
