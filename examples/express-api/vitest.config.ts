import { defineConfig } from 'vitest/config';

// The tests start the example API on 127.0.0.1; CI runs several packages at once on 2 cores.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
