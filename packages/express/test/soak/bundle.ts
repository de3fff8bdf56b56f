import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const OUT = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'monitor-express-soak');

/**
 * Bundles a TypeScript fixture with this package's source into one ESM file that plain `node`
 * runs. npm and workspace packages stay external and load from their `dist`, so the file sits
 * inside the package, where they resolve.
 */
export async function bundleFixture(entry: string): Promise<string> {
  await mkdir(OUT, { recursive: true });
  const outfile = join(OUT, `${basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
