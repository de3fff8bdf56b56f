import { defineConfig } from 'vitest/config';

// Tests start real servers and binaries (Express, promtool, Prometheus, PostgreSQL, SMTP), and
// CI runs several packages at once on 2 cores. So waits are generous, and no test asserts a time.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
