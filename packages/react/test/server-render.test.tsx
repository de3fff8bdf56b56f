// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports and renders without a window', async () => {
    const { MonitorErrorBoundary, MonitorProvider } = await import('../src/index');

    const html = renderToString(
      <MonitorProvider options={{ webVitals: false }}>
        <MonitorErrorBoundary fallback={<p>Sorry</p>}>
          <p>Hello</p>
        </MonitorErrorBoundary>
      </MonitorProvider>,
    );

    expect(typeof window).toBe('undefined');
    expect(html).toBe('<p>Hello</p>');
  });
});
