import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Playwright compiles the specs to CommonJS, where __dirname is the folder of this file.
const ROOT = join(__dirname, '../..');

/** The bundled test page: its folder of ES modules, and a function that deletes it. */
export interface PageBundle {
  readonly dir: string;
  remove(): void;
}

/**
 * Bundles the test page script with the built browser package (run `pnpm build` first) into a
 * temporary folder. Code splitting keeps Sentry and DataDog in chunks that the monitor imports
 * only when a test configures them, as an app's bundler does.
 */
export function buildPageBundle(): PageBundle {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-page-'));
  // The workspace has no esbuild of its own at the root: the one that tsup depends on is used.
  const esbuild = createRequire(require.resolve('tsup'))('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [join(__dirname, 'page-entry.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
    outdir: dir,
    absWorkingDir: ROOT,
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
