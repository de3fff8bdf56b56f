import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Makes esbuild emit one ES module per source file, as Sentry's npm packages do, instead of one
 * bundle. An app's bundler assigns whole files to chunks, so a single-file package would put all
 * of its code in the first chunk whenever the page's start-up code and a lazy chunk both use
 * part of it. Each relative import stays an import of the emitted file, with its extension.
 */
export function preserveModules(): Plugin {
  return {
    name: 'preserve-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = join(args.resolveDir, args.path);
        const isFolder = existsSync(target) && statSync(target).isDirectory();
        const path = isFolder ? `${args.path}/index.js` : `${args.path}.js`;
        if (!isFolder && !existsSync(`${target}.ts`) && !existsSync(`${target}.tsx`)) {
          return undefined;
        }
        return { path, external: true };
      });
    },
  };
}

/** The source files of a package, each of which becomes one output module. */
export function sourceModules(root: string): string[] {
  return [join(dirname(root), 'src/**/*.{ts,tsx}'), `!${join(dirname(root), 'src/**/*.d.ts')}`];
}
