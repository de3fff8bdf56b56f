import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHANNELS } from '@4site/monitor-business';

const TICK_MILLIS = 250;

/**
 * Drives synthetic visitors through the real HTTP API: visits and shares through the ingest
 * endpoint, generations and leads through the 4site API. One visitor at a time, so the load stays
 * small. Returns a function that stops it.
 */
export function startSimulation(baseUrl: string): () => void {
  const controller = new AbortController();
  const referralCodes: string[] = [];
  void (async () => {
    while (!controller.signal.aborted) {
      await visitOnce(baseUrl, referralCodes, controller.signal).catch(() => undefined);
      await sleep(TICK_MILLIS, undefined, { signal: controller.signal }).catch(() => undefined);
    }
  })();
  return () => controller.abort();
}

async function visitOnce(baseUrl: string, codes: string[], signal: AbortSignal): Promise<void> {
  const ref = codes.length > 0 && Math.random() < 0.4 ? pick(codes) : undefined;
  const channel = ref ? 'referral' : pick(CHANNELS.filter((value) => value !== 'referral'));
  const visitorId = randomUUID();
  await ingest(baseUrl, [{ name: 'visit', properties: { channel, page: '/' } }], signal);
  if (Math.random() < 0.05) {
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

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)] as T;
}
