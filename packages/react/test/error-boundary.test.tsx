import { createNoopMonitor, type Monitor } from '@4site/monitor-browser';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FallbackProps, MonitorErrorBoundary, MonitorProvider } from '../src/index';
import { render, unmountAll } from './render';

function recordingMonitor() {
  const captured: { error: unknown; context: Record<string, unknown> | undefined }[] = [];
  const monitor: Monitor = {
    ...createNoopMonitor(),
    captureError: (error, context) => captured.push({ error, context }),
  };
  return { monitor, captured };
}

function Thrower({ error }: { error: Error }): never {
  throw error;
}

afterEach(async () => {
  await unmountAll();
});

describe('MonitorErrorBoundary', () => {
  it('renders the fallback after an error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { monitor } = recordingMonitor();

    await render(
      <MonitorProvider monitor={monitor}>
        <MonitorErrorBoundary fallback={<p data-testid="fallback">Sorry</p>}>
          <Thrower error={new Error('boom')} />
        </MonitorErrorBoundary>
      </MonitorProvider>,
    );

    expect(document.querySelector('[data-testid="fallback"]')?.textContent).toBe('Sorry');
  });

  it('reports once with the component stack', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { monitor, captured } = recordingMonitor();
    const error = new Error('boom');

    await render(
      <StrictMode>
        <MonitorProvider monitor={monitor}>
          <MonitorErrorBoundary fallback={null}>
            <Thrower error={error} />
          </MonitorErrorBoundary>
        </MonitorProvider>
      </StrictMode>,
    );

    expect(captured).toHaveLength(1);
    expect(captured[0]?.error).toBe(error);
    const react = captured[0]?.context?.react as { componentStack: string };
    expect(react.componentStack).toContain('Thrower');
  });

  it('passes the error and a reset to a fallback function', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { monitor } = recordingMonitor();
    const fallback = vi.fn(({ error }: FallbackProps) => <p>{(error as Error).message}</p>);

    await render(
      <MonitorProvider monitor={monitor}>
        <MonitorErrorBoundary fallback={fallback}>
          <Thrower error={new Error('shown')} />
        </MonitorErrorBoundary>
      </MonitorProvider>,
    );

    expect(document.body.textContent).toContain('shown');
    expect(typeof fallback.mock.calls[0]?.[0].reset).toBe('function');
  });

  it('renders the children without an error', async () => {
    const { monitor, captured } = recordingMonitor();

    await render(
      <MonitorProvider monitor={monitor}>
        <MonitorErrorBoundary fallback={<p>Sorry</p>}>
          <p>Fine</p>
        </MonitorErrorBoundary>
      </MonitorProvider>,
    );

    expect(document.body.textContent).toBe('Fine');
    expect(captured).toEqual([]);
  });
});
