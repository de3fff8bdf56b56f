import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles an entry source for browsers as an app would (minified, split by dynamic imports) and
 * returns its chunks: bytes, static and dynamic imports, and the module each lazy chunk is for.
 */
export async function bundleChunks(source, { external = [], resolveDir }) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/virtual-out',
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const chunks = new Map();
  for (const [path, meta] of Object.entries(result.metafile.outputs)) {
    if (!path.endsWith('.js')) continue;
    const file = result.outputFiles.find((output) => basename(output.path) === basename(path));
    chunks.set(path, {
      min: file.contents.length,
      gzip: gzipSync(file.contents, { level: 9 }).length,
      entryPoint: meta.entryPoint ?? '',
      staticImports: meta.imports
        .filter((i) => !i.external && i.kind === 'import-statement')
        .map((i) => i.path),
      dynamicImports: meta.imports
        .filter((i) => !i.external && i.kind === 'dynamic-import')
        .map((i) => i.path),
    });
  }
  const entry = [...chunks.keys()].find((path) => path.endsWith('/stdin.js'));
  return { chunks, entry };
}

/**
 * Adds up the chunks a page fetches: the entry and everything it imports statically, plus the
 * chunks of the dynamic imports that `follows(entryPoint)` accepts, with their static imports.
 */
export function fetchedBytes({ chunks, entry }, follows = () => false) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const chunk = chunks.get(path);
    for (const next of chunk.staticImports) visit(next);
    for (const next of chunk.dynamicImports) {
      if (follows(chunks.get(next).entryPoint)) visit(next);
    }
  };
  visit(entry);
  let min = 0;
  let gzip = 0;
  for (const path of seen) {
    min += chunks.get(path).min;
    gzip += chunks.get(path).gzip;
  }
  return { min, gzip, files: seen.size };
}
