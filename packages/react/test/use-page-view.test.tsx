import { type BrowserMonitor, createNoopMonitor } from '@4site/monitor-browser';
import { act, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MonitorProvider, usePageView } from '../src/index';
import { render, unmountAll } from './render';

afterEach(async () => {
  await unmountAll();
});

let navigate: (template: string) => void = () => {};

/** A page whose route template a test changes through `navigate`. */
function RoutedPage() {
  const [template, setTemplate] = useState('/');
  navigate = setTemplate;
  usePageView(template);
  return null;
}

function StaticPage() {
  usePageView('/');
  return <p>ok</p>;
}

describe('usePageView', () => {
  it('sets the page on each route change', async () => {
    const setPage = vi.fn();
    const monitor = { ...createNoopMonitor(), setPage } as unknown as BrowserMonitor;
    await render(
      <MonitorProvider monitor={monitor}>
        <RoutedPage />
      </MonitorProvider>,
    );
    await act(async () => navigate('/sites/:id'));
    await act(async () => navigate('/sites/:id'));

    expect(setPage.mock.calls).toEqual([['/'], ['/sites/:id']]);
  });

  it('leaves a monitor without pages alone', async () => {
    await render(
      <MonitorProvider monitor={createNoopMonitor()}>
        <StaticPage />
      </MonitorProvider>,
    );

    expect(document.body.textContent).toBe('ok');
  });
});
