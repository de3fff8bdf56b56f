import { createRequire } from 'node:module';
import { MonitorError } from '@4site/monitor-core';

/**
 * Loads an optional peer dependency synchronously, only when its option is configured, so an
 * app that configures no vendor never loads vendor code. A missing package is a start-up error
 * that names the package and the version range to install.
 */
export function loadOptional<T>(name: string, range: string, option: string): T {
  // import.meta.url is shimmed in the CommonJS build.
  const require = createRequire(import.meta.url);
  try {
    return require(name) as T;
  } catch (error) {
    if (isMissing(error, name)) {
      throw new MonitorError(
        `The "${option}" option needs ${name}, which is not installed: run \`npm install ${name}@"${range}"\`, or remove "${option}".`,
      );
    }
    throw error;
  }
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && String(message).includes(`'${name}'`);
}
