import { type BrowserMonitor, createNoopMonitor } from '@4site/monitor-browser';
import { act } from 'react';
import { createMemoryRouter, matchRoutes, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MonitorProvider } from '../src/index';
import { RouteTracker, routeTemplate, UNMATCHED_TEMPLATE } from '../src/react-router';
import { render, unmountAll } from './render';

afterEach(async () => {
  await unmountAll();
});

const routes = [
  {
    path: '/',
    element: <Outlet />,
    children: [
      { index: true, element: <p>home</p> },
      { path: 'sites/:id', element: <p>site</p> },
      { path: 'sites/:id/edit', element: <p>edit</p> },
    ],
  },
];

function Layout() {
  return (
    <>
      <RouteTracker routes={routes} />
      <Outlet />
    </>
  );
}

describe('RouteTracker', () => {
  it('reports the route template on navigation', async () => {
    const setPage = vi.fn();
    const monitor = { ...createNoopMonitor(), setPage } as unknown as BrowserMonitor;
    const router = createMemoryRouter([{ element: <Layout />, children: routes }], {
      initialEntries: ['/'],
    });

    await render(
      <MonitorProvider monitor={monitor}>
        <RouterProvider router={router} />
      </MonitorProvider>,
    );
    await act(async () => router.navigate('/sites/8f14e45f'));
    await act(async () => router.navigate('/sites/42/edit'));

    expect(setPage.mock.calls.map(([template]) => template)).toEqual([
      '/',
      '/sites/:id',
      '/sites/:id/edit',
    ]);
  });
});

describe('routeTemplate', () => {
  it('returns the unmatched template without matches', () => {
    expect(routeTemplate(null)).toBe(UNMATCHED_TEMPLATE);
    expect(routeTemplate(matchRoutes(routes, '/nowhere'))).toBe(UNMATCHED_TEMPLATE);
  });

  it('skips index and layout routes', () => {
    expect(routeTemplate(matchRoutes(routes, '/'))).toBe('/');
    expect(routeTemplate(matchRoutes(routes, '/sites/7'))).toBe('/sites/:id');
  });
});
