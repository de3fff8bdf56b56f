/**
 * Calls `onHidden` when the page may be about to go away: on `pagehide`, and on
 * `visibilitychange` to `hidden`, the last event that mobile browsers reliably fire before they
 * discard a tab. Returns a function that removes both listeners.
 */
export function onPageHidden(onHidden: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const handleVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') onHidden();
  };
  window.addEventListener('pagehide', onHidden);
  document.addEventListener('visibilitychange', handleVisibilityChange);
  return () => {
    window.removeEventListener('pagehide', onHidden);
    document.removeEventListener('visibilitychange', handleVisibilityChange);
  };
}

/** Returns whether the page is hidden, so anything queued now may never be sent by a timer. */
export function isPageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/** Calls `onBack` when the browser regains its network connection; returns the remover. */
export function onOnline(onBack: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', onBack);
  return () => window.removeEventListener('online', onBack);
}

/**
 * Calls `onShown` when a hidden page becomes visible again, or when the back/forward cache
 * restores it. Returns a function that removes both listeners.
 */
export function onPageShown(onShown: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const handleVisibilityChange = (): void => {
    if (document.visibilityState === 'visible') onShown();
  };
  const handlePageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) onShown();
  };
  window.addEventListener('pageshow', handlePageShow);
  document.addEventListener('visibilitychange', handleVisibilityChange);
  return () => {
    window.removeEventListener('pageshow', handlePageShow);
    document.removeEventListener('visibilitychange', handleVisibilityChange);
  };
}
