import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/register.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // Vendors load through createRequire(import.meta.url), which the CommonJS build shims.
    shims: true,
    // The CLI build below writes cli.js into the same folder at the same time.
    clean: ['**/*', '!cli.js'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
  },
  {
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
