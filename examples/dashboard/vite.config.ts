import { defineConfig } from 'vite';

// The example API of this repository, which serves /monitor and /api.
const API_ORIGIN = 'http://127.0.0.1:3333';

export default defineConfig({
  // The example API serves the built page under /dashboard/.
  base: '/dashboard/',
  server: {
    host: '127.0.0.1',
    proxy: { '/api': API_ORIGIN, '/monitor': API_ORIGIN },
  },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', sourcemap: true },
});
