import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * Bundles an entry source with Vite for production, as the 4site React app is built, and returns
 * its chunks in the shape of `bundleChunks()`. Rolldown, Vite's bundler, splits shared code by
 * export rather than by file, so the two bundlers can put the same code in different chunks.
 */
export async function viteChunks(source, { external = [], resolveDir }) {
  // Vite builds from files, so the entry is written where its bare imports resolve.
  const dir = await mkdtemp(join(resolveDir, '.bytes-'));
  try {
    await writeFile(join(dir, 'entry.js'), source);
    const result = await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: true,
        modulePreload: false,
        rollupOptions: { input: join(dir, 'entry.js'), external },
      },
    });
    return toChunks((Array.isArray(result) ? result[0] : result).output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function toChunks(output) {
  const chunks = new Map();
  let entry;
  for (const item of output) {
    if (item.type !== 'chunk') continue;
    if (item.isEntry) entry = item.fileName;
    chunks.set(item.fileName, {
      min: item.code.length,
      gzip: gzipSync(item.code, { level: 9 }).length,
      entryPoint: item.facadeModuleId ?? '',
      staticImports: item.imports.filter((name) => !external(name)),
      dynamicImports: item.dynamicImports,
    });
  }
  for (const chunk of chunks.values()) {
    chunk.staticImports = chunk.staticImports.filter((name) => chunks.has(name));
    chunk.dynamicImports = chunk.dynamicImports.filter((name) => chunks.has(name));
  }
  return { chunks, entry };
}

function external(name) {
  return !name.endsWith('.js');
}
