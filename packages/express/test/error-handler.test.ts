import { afterEach, describe, expect, it, vi } from 'vitest';
import { monitorErrorHandler } from '../src';
import { expressVersions, type MonitoredApp, startApp } from './app';

let app: MonitoredApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  vi.restoreAllMocks();
});

describe.each(expressVersions)('monitorErrorHandler on %s', (_name, express) => {
  it('reports an error once when mounted on a router and the app', async () => {
    app = await startApp(express, {
      routes: (server, monitor) => {
        const router = express.Router();
        router.get('/fail', () => {
          throw new Error('twice mounted');
        });
        router.use(monitorErrorHandler(monitor));
        server.use('/nested', router);
      },
    });
    const capture = vi.spyOn(app.monitor, 'captureError');

    const response = await fetch(`${app.url}/nested/fail`);

    expect(response.status).toBe(500);
    expect(capture).toHaveBeenCalledTimes(1);
    expect(capture.mock.calls[0]?.[1]).toEqual({ method: 'GET', route: '/nested/fail' });
  });

  it('warns once when routes are mounted after it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    app = await startApp(express, {
      routes: (server, monitor) => {
        server.use(monitorErrorHandler(monitor));
        server.get('/late', (_req, res) => {
          res.send('late');
        });
      },
    });

    await fetch(`${app.url}/late`);
    await fetch(`${app.url}/late`);

    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(
      messages.filter((message) => message.includes('mounted before some routes')),
    ).toHaveLength(1);
  });

  it('lets requests through when mounted without being called', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    app = await startApp(express, {
      routes: (server) => {
        server.use(monitorErrorHandler as never);
        server.get('/after', (_req, res) => {
          res.send('reached');
        });
      },
    });

    const response = await fetch(`${app.url}/after`);

    expect(await response.text()).toBe('reached');
    expect(warn.mock.calls.some((call) => String(call[0]).includes('without being called'))).toBe(
      true,
    );
  });
});
