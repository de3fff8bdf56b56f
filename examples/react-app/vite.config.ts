import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The example API of this repository, which serves /api and the ingest endpoint.
const API_ORIGIN = 'http://127.0.0.1:3333';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': API_ORIGIN, '/monitor': API_ORIGIN },
  },
  preview: { host: '127.0.0.1' },
  build: { outDir: 'dist', sourcemap: true },
});
