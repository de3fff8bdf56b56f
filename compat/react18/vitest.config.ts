import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const reactPackage = fileURLToPath(new URL('../../packages/react', import.meta.url));

// Runs the React package's own tests, but makes every import of React, wherever it comes from,
// resolve from this folder, where React 18 is installed. Without dedupe the tests would load
// the React 19 that the package itself develops against.
export default defineConfig({
  resolve: { dedupe: ['react', 'react-dom', 'react-router'] },
  test: {
    environment: 'happy-dom',
    dir: `${reactPackage}/test`,
    include: ['**/*.test.tsx'],
    restoreMocks: true,
    unstubGlobals: true,
    setupFiles: [fileURLToPath(new URL('./check-version.ts', import.meta.url))],
  },
});
