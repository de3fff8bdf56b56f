import { defineConfig } from 'tsup';
import { preserveModules } from '../../scripts/build/preserve-modules';

const shared = { sourcemap: true, target: 'es2022', platform: 'browser' } as const;

export default defineConfig([
  // ES modules: one file per source module. The page's first chunk then holds only the monitor
  // that initMonitor() returns, and an app's bundler puts the rest in chunks loaded after start-up.
  {
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    esbuildPlugins: [preserveModules()],
    dts: { entry: { index: 'src/index.ts', 'sentry-tracing': 'src/vendors/sentry-tracing.ts' } },
    clean: ['**/*.js', '**/*.js.map', '**/*.d.ts'],
  },
  {
    ...shared,
    entry: { index: 'src/index.ts', 'sentry-tracing': 'src/vendors/sentry-tracing.ts' },
    format: ['cjs'],
    dts: true,
    clean: ['**/*.cjs', '**/*.cjs.map', '**/*.d.cts'],
  },
]);
