import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.tsx', 'src/react-router.tsx'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  // Both entries must share one MonitorContext, so CommonJS output is split into chunks as well.
  splitting: true,
});
