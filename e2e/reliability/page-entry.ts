// The script of the reliability test page, bundled with esbuild for Chromium. It starts the
// browser monitor with the options that the test put in `__RELIABILITY__`, on every load.
import { initMonitor } from '../../packages/browser/dist/index.js';
import { reliabilityCatalog } from './catalog';

/** Main-thread timings of one measurement, in milliseconds. */
export interface Timings {
  /** Total time spent inside track() and captureError() calls. */
  trackMillis: number;
  /** Maximum time from a button click to the next frame. */
  interactionMillis: number;
  /** Maximum delay of a 10 ms interval timer during the measurement. */
  maxLagMillis: number;
}

const QUEUE_KEY_PREFIX = '4site.monitor.queue.';
const options = (globalThis as { __RELIABILITY__?: Record<string, unknown> }).__RELIABILITY__;
const monitor = initMonitor({ ...options, catalog: reliabilityCatalog });

const button = document.getElementById('work') as HTMLButtonElement;
const output = document.getElementById('output') as HTMLOutputElement;
button.addEventListener('click', () => {
  monitor.track('checkout', { orderId: `click-${Date.now()}` });
  output.textContent = String(Number(output.textContent ?? '0') + 1);
});

const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function trackCheckouts(from: number, count: number): void {
  for (let i = from; i < from + count; i++) monitor.track('checkout', { orderId: `o-${i}` });
}

/** Tracks events, reports errors and clicks the button in rounds, timing each part. */
async function measure(events: number, errors: number, rounds = 10): Promise<Timings> {
  let last = performance.now();
  let maxLagMillis = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    maxLagMillis = Math.max(maxLagMillis, now - last - 10);
    last = now;
  }, 10);
  let trackMillis = 0;
  let interactionMillis = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < events / rounds; i++) {
      monitor.track('checkout', {
        orderId: `m-${round}-${i}-${Math.random().toString(36).slice(2)}`,
      });
    }
    for (let i = 0; i < errors / rounds; i++) monitor.captureError(new Error(`probe ${round}`));
    trackMillis += performance.now() - start;
    const clicked = performance.now();
    button.click();
    await nextFrame();
    interactionMillis = Math.max(interactionMillis, performance.now() - clicked);
    await sleep(30);
  }
  clearInterval(probe);
  return { trackMillis, interactionMillis, maxLagMillis };
}

/** Counts the events that the transport keeps in localStorage, over every tab's key. */
function storedEvents(): number {
  let count = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(QUEUE_KEY_PREFIX))
      count += JSON.parse(localStorage.getItem(key) ?? '[]').length;
  }
  return count;
}

Object.assign(globalThis, {
  reliability: { monitor, trackCheckouts, measure, storedEvents },
});
