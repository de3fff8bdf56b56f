import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles an entry source for browsers, minified, and returns the minified and gzip bytes of
 * the code loaded at start and of the chunks loaded later by dynamic imports.
 */
export async function bundleSize(source, { external = [], resolveDir }) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/virtual-out',
    write: false,
    external,
    logLevel: 'silent',
  });
  let entryMin = 0;
  let entryGzip = 0;
  let lazyGzip = 0;
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const gzip = gzipSync(file.contents, { level: 9 }).length;
    // esbuild names the output of a stdin entry stdin.js and every shared or lazy chunk chunk-*.js.
    if (file.path.endsWith('/stdin.js')) {
      entryMin += file.contents.length;
      entryGzip += gzip;
    } else lazyGzip += gzip;
  }
  return { entryMin, entryGzip, lazyGzip };
}
