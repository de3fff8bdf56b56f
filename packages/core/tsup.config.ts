import { defineConfig } from 'tsup';
import { preserveModules } from '../../scripts/build/preserve-modules';

const shared = { sourcemap: true, target: 'es2022', platform: 'neutral' } as const;

export default defineConfig([
  // ES modules: one file per source module, so that apps can split this package's code between
  // the chunk of their start-up and the chunks they load later.
  {
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    esbuildPlugins: [preserveModules()],
    dts: { entry: ['src/index.ts', 'src/basics.ts'] },
    clean: ['**/*.js', '**/*.js.map', '**/*.d.ts'],
  },
  // CommonJS stays one bundle; the `basics` entry resolves to it there, so that a class such as
  // MonitorError exists once.
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: true,
    clean: ['**/*.cjs', '**/*.cjs.map', '**/*.d.cts'],
  },
]);
