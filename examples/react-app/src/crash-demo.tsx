/**
 * Throws while rendering when the page URL has `?demo-crash=TEXT`, so the error boundary and
 * the error reporting can be tried in a browser. Renders nothing otherwise.
 */
export function CrashDemo() {
  const text = new URLSearchParams(window.location.search).get('demo-crash');
  if (text) throw new Error(`Demo crash: ${text}`);
  return null;
}
