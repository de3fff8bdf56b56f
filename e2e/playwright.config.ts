import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

// Tests drive Debian's Chromium; Playwright never downloads a browser of its own here.
const chromium = process.env.CHROMIUM_PATH ?? findChromium();
export const EXAMPLE_PORT = Number(process.env.E2E_PORT ?? 3471);

function findChromium(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: run `apt-get install -y chromium` or set CHROMIUM_PATH.');
  }
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: 'artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${EXAMPLE_PORT}`,
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node ../examples/express-api/dist/server.js',
    url: `http://127.0.0.1:${EXAMPLE_PORT}/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    env: {
      PORT: String(EXAMPLE_PORT),
      HOST: '127.0.0.1',
      GENERATION_DELAY_MS: '200-400',
      GENERATION_FAILURE_RATE: '0',
    },
  },
});
