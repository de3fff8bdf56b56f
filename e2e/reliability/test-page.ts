import { test } from '@playwright/test';
import { buildPageBundle, type PageBundle } from './build-page';
import { startTestServer, type TestServer } from './test-server';

/** The bundled test page and the server of a spec file, set once its tests start. */
export interface ServedPage {
  bundle: PageBundle;
  server: TestServer;
}

/** Builds the test page and starts its server before a spec file's tests, and stops both after. */
export function serveTestPage(): ServedPage {
  const served = {} as ServedPage;
  test.beforeAll(async () => {
    served.bundle = buildPageBundle();
    served.server = await startTestServer({ bundleDir: served.bundle.dir });
  });
  test.afterAll(async () => {
    await served.server?.stop();
    served.bundle?.remove();
  });
  return served;
}
