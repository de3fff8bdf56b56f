/**
 * Lets a timer run without keeping a Node process alive, for server rendering and tests that run
 * the browser monitor in Node. Browsers return plain numbers from setTimeout, with no unref().
 */
export function unref<T>(timer: T): T {
  (timer as { unref?: () => void } | undefined)?.unref?.();
  return timer;
}
