import { act, type ComponentType, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ApiSpec,
  checkExport,
  expectEveryFunctionCovered,
} from '../../core/test/public-api-harness';
import * as react from '../src/index';
import { type BrowserMonitor, initMonitor, MonitorProvider } from '../src/index';
import * as router from '../src/react-router';

// Tells React that updates are wrapped in act(), as the shared render helper does.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const roots: Root[] = [];
const uncaught: unknown[] = [];
const opened: BrowserMonitor[] = [];
const endpoint = 'http://127.0.0.1:9/monitor/ingest';

/**
 * Renders an element and resolves when React committed it. An error that escaped every boundary
 * is rethrown, so the property sees it as a throw of the rendered export.
 */
async function renderElement(element: ReactNode): Promise<void> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container, { onUncaughtError: (error) => uncaught.push(error) });
  roots.push(root);
  await act(async () => root.render(element));
  const escaped = uncaught.splice(0);
  if (escaped.length > 0) throw escaped[0];
  // React Router shows this page when a render under it threw.
  if (container.textContent?.includes('Unexpected Application Error')) {
    throw new Error(`React Router caught an error: ${container.textContent.slice(0, 200)}`);
  }
}

function monitor(): BrowserMonitor {
  const created = initMonitor({ endpoint });
  opened.push(created);
  return created;
}

// Components and hooks get hostile props or arguments through a render, as an app passes them.
// React itself rejects props that are not an object and children that are not nodes, so the
// hostile values go into the props that the SDK reads.
const component = (Component: ComponentType<never>) => (props: unknown) =>
  renderElement(createElement(Component, { ...readableProps(props), children: 'ok' } as never));

function readableProps(props: unknown): Record<string, unknown> {
  if (typeof props !== 'object' || props === null) return {};
  try {
    return { ...props };
  } catch {
    return {};
  }
}
/** Calls a hook of the SDK with one argument during its render. */
function HookProbe(props: { use: (argument: never) => unknown; argument: unknown }): ReactNode {
  props.use(props.argument as never);
  return null;
}

const hook = (use: (argument: never) => unknown) => (argument: unknown) =>
  renderElement(
    createElement(
      MonitorProvider,
      { monitor: monitor() },
      createElement(HookProbe, { use, argument }),
    ),
  );

const track = (properties: Record<string, unknown>): ApiSpec => ({
  kind: 'runtime',
  valid: () => [monitor(), properties],
  keys: Object.keys(properties),
});

/** Every function export of the React entry, with how it may react to hostile input. */
const SPECS: Record<string, [(...args: unknown[]) => unknown, ApiSpec]> = {
  getMonitor: [react.getMonitor as never, { kind: 'runtime', valid: () => [], methods: true }],
  initMonitor: [
    react.initMonitor as never,
    { kind: 'config', valid: () => [{ endpoint }], keys: ['endpoint', 'mode', 'maxQueueSize'] },
  ],
  MonitorError: [
    react.MonitorError as never,
    { kind: 'runtime', valid: () => ['message'], construct: true },
  ],
  MonitorErrorBoundary: [
    component(react.MonitorErrorBoundary as never),
    {
      kind: 'runtime',
      valid: () => [{ children: 'ok', fallback: 'failed' }],
      keys: ['children', 'fallback', 'onError'],
    },
  ],
  MonitorProvider: [
    component(MonitorProvider as never),
    // Bad options raise initMonitor()'s MonitorError, as at any other start-up.
    {
      kind: 'config',
      valid: () => [{ options: { endpoint }, children: 'ok' }],
      keys: ['options', 'monitor', 'children'],
    },
  ],
  trackConversion: [react.trackConversion as never, track({ stage: 'signup' })],
  trackLead: [react.trackLead as never, track({ leadId: 'l-1', source: 'organic' })],
  trackReferral: [react.trackReferral as never, track({ referralId: 'r-1' })],
  trackSessionEnd: [react.trackSessionEnd as never, track({ pages: 1 })],
  trackShare: [react.trackShare as never, track({ platform: 'x' })],
  trackSiteGenerated: [react.trackSiteGenerated as never, track({ generationId: 'g-1' })],
  trackVisit: [react.trackVisit as never, track({ channel: 'organic' })],
  useMonitor: [hook(react.useMonitor as never), { kind: 'runtime', valid: () => [] }],
  usePageView: [hook(react.usePageView as never), { kind: 'runtime', valid: () => ['/sites/:id'] }],
};

const ROUTER_SPECS: Record<string, [(...args: unknown[]) => unknown, ApiSpec]> = {
  RouteTracker: [
    (props: unknown) => {
      const tracker = createElement(router.RouteTracker, readableProps(props) as never);
      const routes = [{ path: '/sites/:id', element: tracker }];
      const memory = createMemoryRouter(routes, { initialEntries: ['/sites/1'] });
      return renderElement(
        createElement(
          MonitorProvider,
          { monitor: monitor() },
          createElement(RouterProvider, { router: memory }),
        ),
      );
    },
    { kind: 'runtime', valid: () => [{ routes: [{ path: '/sites/:id' }] }], keys: ['routes'] },
  ],
  routeTemplate: [
    router.routeTemplate as never,
    { kind: 'runtime', valid: () => [[{ route: { path: '/sites' } }]] },
  ],
};

beforeEach(() => {
  vi.stubGlobal('fetch', async () => new Response(null, { status: 202 }));
});

afterEach(async () => {
  await act(async () => {
    for (const root of roots.splice(0)) root.unmount();
  });
  document.body.replaceChildren();
  uncaught.length = 0;
  await Promise.all(opened.splice(0).map((created) => created.close(50)));
});

describe('react public API', () => {
  it('covers every function export', () => {
    expectEveryFunctionCovered(react, SPECS);
  });

  it('covers every react-router export', () => {
    expectEveryFunctionCovered(router, ROUTER_SPECS);
  });

  for (const [name, [call, spec]] of Object.entries({ ...SPECS, ...ROUTER_SPECS })) {
    it(`survives hostile calls to ${name}`, async () => {
      await checkExport(name, call, spec);
    });
  }

  it('renders children past a hostile provider', async () => {
    await renderElement(createElement(MonitorProvider, { monitor: null as never }, 'still here'));

    expect(document.body.textContent).toContain('still here');
  });
});
