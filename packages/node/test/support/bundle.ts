import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const OUT = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'monitor-node-test');

/**
 * Bundles a TypeScript fixture with the package's source into one ESM file that plain `node`
 * runs, keeping npm packages external. The file sits inside the package, so they resolve.
 */
export async function bundleFixture(entry: string, format: 'esm' | 'cjs' = 'esm'): Promise<string> {
  await mkdir(OUT, { recursive: true });
  const outfile = join(
    OUT,
    `${basename(entry, '.ts')}-${process.pid}.${format === 'esm' ? 'mjs' : 'cjs'}`,
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    // The same shim that tsup's `shims` option puts into the package's CommonJS build.
    ...(format === 'cjs'
      ? {
          define: { 'import.meta.url': 'importMetaUrl' },
          banner: {
            js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
          },
        }
      : {}),
  });
  return outfile;
}
