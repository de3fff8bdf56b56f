import {
  createLogger,
  createMonitor,
  defineEvent,
  type EventName,
  type EventProperties,
  MonitorError,
  type MonitorEvent,
} from '@4site/monitor-core';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { extendCatalog, type FourSiteMonitor, fourSiteCatalog, trackVisit } from '../src';

const planUpgradedEvent = defineEvent({
  name: 'plan_upgraded',
  metric: 'plan_upgrades',
  schema: v.object({ plan: v.picklist(['pro', 'team']), upgradeId: v.string() }),
  labels: { plan: ['pro', 'team'] },
  idempotencyKey: 'upgradeId',
});

const catalog = extendCatalog(fourSiteCatalog, planUpgradedEvent);

function setup() {
  const events: MonitorEvent[] = [];
  const monitor = createMonitor({
    catalog,
    logger: createLogger({ enabled: false }),
    sinks: [{ name: 'recorder', handleEvent: (event) => events.push(event) }],
  });
  return { monitor, events };
}

describe('extendCatalog', () => {
  it('keeps the base events and adds the new one', () => {
    expect(Object.keys(catalog)).toEqual([...Object.keys(fourSiteCatalog), 'plan_upgraded']);
    expect(catalog.plan_upgraded).toBe(planUpgradedEvent);
    expect(catalog.visit).toBe(fourSiteCatalog.visit);
  });

  it('leaves the base catalog unchanged', () => {
    expect(Object.hasOwn(fourSiteCatalog, 'plan_upgraded')).toBe(false);
    expect(Object.isFrozen(catalog)).toBe(true);
  });

  it('rejects a name of the base catalog', () => {
    const visitAgain = defineEvent({ ...planUpgradedEvent, name: 'visit' });

    expect(() => extendCatalog(fourSiteCatalog, visitAgain)).toThrow(MonitorError);
    expect(() => extendCatalog(fourSiteCatalog, visitAgain)).toThrow(/"visit"/);
  });

  it('rejects two new events with one name', () => {
    expect(() => extendCatalog(fourSiteCatalog, planUpgradedEvent, planUpgradedEvent)).toThrow(
      /Duplicate event "plan_upgraded"/,
    );
  });

  it('tracks new and base events on one monitor', () => {
    const { monitor, events } = setup();

    monitor.track('plan_upgraded', { plan: 'team', upgradeId: 'u1' });
    trackVisit(monitor, { channel: 'email' });

    expect(events.map((event) => [event.name, event.labels])).toEqual([
      ['plan_upgraded', { plan: 'team' }],
      ['visit', { channel: 'email' }],
    ]);
  });

  it('types every event of the extended catalog', () => {
    const { monitor, events } = setup();

    expectTypeOf<EventName<typeof catalog>>().toEqualTypeOf<
      EventName<typeof fourSiteCatalog> | 'plan_upgraded'
    >();
    expectTypeOf<EventProperties<typeof catalog, 'plan_upgraded'>>().toEqualTypeOf<{
      plan: 'pro' | 'team';
      upgradeId: string;
    }>();
    expectTypeOf<EventProperties<typeof catalog, 'visit'>>().toEqualTypeOf<
      EventProperties<typeof fourSiteCatalog, 'visit'>
    >();
    expectTypeOf(monitor).toExtend<FourSiteMonitor>();
    // @ts-expect-error: `enterprise` is not a plan of the new event.
    monitor.track('plan_upgraded', { plan: 'enterprise', upgradeId: 'u2' });
    // @ts-expect-error: the event is in neither catalog.
    monitor.track('plan_downgraded', { plan: 'pro' });

    expect(events).toHaveLength(0);
  });
});
