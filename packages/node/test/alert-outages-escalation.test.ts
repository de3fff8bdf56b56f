import { describe, expect, it } from 'vitest';
import { createAlerting } from '../src';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  channelFor,
  failedCount,
  probeMonitor,
  probeRules,
  startFault,
  startHealthy,
} from './alert-outages-setup';
import { FAULT_MODES, type FaultMode } from './support/alert-fault-servers';

const MINUTE = 60_000;
// One retry and a 300 ms attempt time-out keep a hanging server to about 0.6 s per step.
const delivery = { timeoutMillis: 300, retries: 1, backoffMillis: 0 };
// Healthy and slow servers reply within 100 ms. Their time-out leaves room for a loaded machine,
// because a timed-out attempt would be retried and deliver twice.
const patientDelivery = { ...delivery, timeoutMillis: 5000 };
const FAILING: readonly FaultMode[] = ['down', 'hang', '500', '429'];

/** The ladder's order after `broken`: the channel kinds that follow it, wrapping around. */
const nextKinds = (broken: ChannelKind): [ChannelKind, ChannelKind] => {
  const index = CHANNEL_KINDS.indexOf(broken);
  const at = (offset: number) => CHANNEL_KINDS[(index + offset) % CHANNEL_KINDS.length];
  return [at(1) as ChannelKind, at(2) as ChannelKind];
};

/**
 * Fires one alert through the ladder [broken] then [second] then [third], ten minutes apart, and
 * resolves it at the same instant, so a later step is reached only by escalation past a failure.
 */
async function runLadder(kind: ChannelKind, mode: FaultMode) {
  const [secondKind, thirdKind] = nextKinds(kind);
  const broken = await startFault(kind, mode, { retryAfterSeconds: 1, slowMillis: 100 });
  const second = await startHealthy(secondKind);
  const third = await startHealthy(thirdKind);
  const clock = Date.UTC(2026, 0, 1);
  const { monitor, setProbes } = probeMonitor(() => clock);
  const alerting = createAlerting(monitor, {
    start: false,
    now: () => clock,
    rules: probeRules(1),
    channels: [
      channelFor(kind, broken, mode === 'slow' ? patientDelivery : delivery),
      channelFor(secondKind, second, patientDelivery),
      channelFor(thirdKind, third, patientDelivery),
    ],
    escalation: {
      critical: [
        { afterMillis: 0, channels: [kind] },
        { afterMillis: 10 * MINUTE, channels: [secondKind] },
        { afterMillis: 20 * MINUTE, channels: [thirdKind] },
      ],
    },
  });
  try {
    setProbes(1, 1);
    await alerting.evaluate();
    const fired = { broken: broken.received(), second: second.received(), third: third.received() };
    const failed = await failedCount(monitor, kind);
    setProbes(1, 0);
    await alerting.evaluate();
    const resolved = {
      broken: broken.received() - fired.broken,
      second: second.received() - fired.second,
      third: third.received() - fired.third,
    };
    return { fired, resolved, failed };
  } finally {
    await monitor.close(1000);
    await Promise.all([broken.close(), second.close(), third.close()]);
  }
}

describe.each(CHANNEL_KINDS)('first step %s', (kind) => {
  const [secondKind] = nextKinds(kind);

  it.each(FAILING)('escalates at once when %s', async (mode) => {
    const { fired, resolved, failed } = await runLadder(kind, mode);

    expect(failed, `${kind} failures counted`).toBeGreaterThanOrEqual(1);
    expect(fired.second, `${secondKind} got the firing alert`).toBe(1);
    expect(fired.third, 'the third step stays idle').toBe(0);
    expect(resolved.second, `${secondKind} got the resolve`).toBe(1);
    expect(resolved.broken, `no resolve sent to the broken ${kind}`).toBe(0);
    expect(resolved.third, 'no resolve to the idle third step').toBe(0);
  });

  it('delivers through a slow server without escalating', async () => {
    const { fired, resolved, failed } = await runLadder(kind, 'slow');

    expect(failed).toBe(0);
    expect(fired.broken, `${kind} got the firing alert`).toBe(1);
    expect(fired.second, `${secondKind} stays idle`).toBe(0);
    expect(resolved.broken, `${kind} got the resolve`).toBe(1);
    expect(resolved.second).toBe(0);
  });
});

it('covers every fault mode', () => {
  expect([...FAILING, 'slow'].sort()).toEqual([...FAULT_MODES].sort());
});
