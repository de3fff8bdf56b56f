import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHANNELS } from '@4site/monitor-business';

const TICK_MILLIS = 250;

/** Simulated traffic patterns: `referral-drop` stops visitors from arriving by referral links. */
export const SCENARIOS = ['normal', 'referral-drop'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The running simulation's settings, changed by `POST /api/simulation`. */
export interface SimulationControl {
  scenario: Scenario;
}

// Fraction of visitors who arrive through a shared link in the normal scenario. It keeps the
// viral coefficient near 0.85, well above the 0.5 alert threshold despite random swings.
const REFERRAL_SHARE = 0.85;

/**
 * Drives synthetic visitors through the real HTTP API: visits and shares through the ingest
 * endpoint, generations and leads through the 4site API. One visitor at a time, so the load stays
 * small. Returns a function that stops it.
 */
export function startSimulation(
  baseUrl: string,
  control: SimulationControl = { scenario: 'normal' },
): () => void {
  const controller = new AbortController();
  const referralCodes: string[] = [];
  void (async () => {
    while (!controller.signal.aborted) {
      await visitOnce(baseUrl, referralCodes, control, controller.signal).catch(() => undefined);
      await sleep(TICK_MILLIS, undefined, { signal: controller.signal }).catch(() => undefined);
    }
  })();
  return () => controller.abort();
}

async function visitOnce(
  baseUrl: string,
  codes: string[],
  control: SimulationControl,
  signal: AbortSignal,
): Promise<void> {
  const referralShare = control.scenario === 'referral-drop' ? 0 : REFERRAL_SHARE;
  const ref = codes.length > 0 && Math.random() < referralShare ? pick(codes) : undefined;
  const channel = ref ? 'referral' : pick(CHANNELS.filter((value) => value !== 'referral'));
  const visitorId = randomUUID();
  await ingest(baseUrl, [{ name: 'visit', properties: { channel, page: '/' } }], signal);
  if (Math.random() < 0.3) await ingest(baseUrl, simulatedWebVitals(), signal);
  // One visitor in ten leaves an e-mail, so even a short window stays above the 2 % alert.
  if (Math.random() < 0.1) {
    await post(
      baseUrl,
      '/api/leads',
      { leadId: randomUUID(), email: 'sim@example.com', source: channel },
      signal,
    );
  }
  if (Math.random() > 0.3) return;

  const response = await post(
    baseUrl,
    '/api/sites',
    { repoUrl: 'https://github.com/4site/demo', ref, visitorId },
    signal,
  );
  if (!response.ok) return;
  const { shareUrl } = (await response.json()) as { shareUrl: string };
  if (Math.random() < 0.5) {
    codes.push(shareUrl.split('ref=')[1] ?? '');
    if (codes.length > 100) codes.shift();
    await ingest(baseUrl, [{ name: 'share', properties: { platform: 'link' } }], signal);
  }
}

function post(baseUrl: string, path: string, body: unknown, signal: AbortSignal) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

function ingest(baseUrl: string, events: unknown[], signal: AbortSignal) {
  return post(baseUrl, '/monitor/ingest', { events }, signal);
}

// Simulated value ranges and the good/poor thresholds of each web vital, in milliseconds
// (CLS is unitless). The ranges straddle the thresholds, so p75 moves between the marks.
const VITALS = {
  LCP: { low: 800, high: 3000, good: 2500, poor: 4000 },
  INP: { low: 40, high: 320, good: 200, poor: 500 },
  CLS: { low: 0, high: 0.18, good: 0.1, poor: 0.25 },
  FCP: { low: 600, high: 2600, good: 1800, poor: 3000 },
  TTFB: { low: 80, high: 1100, good: 800, poor: 1800 },
} as const;

/** Builds the web vitals events of one page view, as the browser package sends them. */
function simulatedWebVitals() {
  const deviceClass = pick(['desktop', 'mobile', 'tablet'] as const);
  return Object.entries(VITALS).map(([metric, { low, high, good, poor }]) => {
    const value = low + Math.random() * (high - low);
    const rating = rate(value, good, poor);
    const properties = { metric, value, id: randomUUID(), page: '/', deviceClass, rating };
    return { name: 'web_vital', properties: { ...properties, navigationType: 'navigate' } };
  });
}

function rate(value: number, good: number, poor: number): string {
  if (value <= good) return 'good';
  if (value <= poor) return 'needs-improvement';
  return 'poor';
}

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)] as T;
}
