import {
  type AnyEventDefinition,
  type Catalog,
  defineCatalog,
  MonitorError,
} from '@4site/monitor-core';
import {
  authFailureEvent,
  commissionEvent,
  conversionEvent,
  leadEvent,
  rateLimitViolationEvent,
  referralEvent,
  sessionEndEvent,
  shareEvent,
  siteGeneratedEvent,
  visitEvent,
} from './events';
import { webVitalEvent } from './web-vital';

/** The 4site event catalog that both the browser and the Node monitor validate against. */
export const fourSiteCatalog = defineCatalog(
  visitEvent,
  siteGeneratedEvent,
  shareEvent,
  referralEvent,
  leadEvent,
  commissionEvent,
  conversionEvent,
  sessionEndEvent,
  authFailureEvent,
  rateLimitViolationEvent,
  webVitalEvent,
);

export type FourSiteCatalog = typeof fourSiteCatalog;

/** A catalog with more event definitions, keyed by name like the base catalog. */
export type ExtendedCatalog<
  Base extends Catalog,
  Defs extends readonly AnyEventDefinition[],
> = Base & { readonly [D in Defs[number] as D['name']]: D };

/**
 * Builds a catalog from a base catalog and more definitions, keeping the type of every event,
 * so `monitor.track()` checks the new events as strictly as the base ones. Throws a
 * MonitorError when a definition reuses a name of the base or of another definition.
 */
export function extendCatalog<
  const Base extends Catalog,
  const Defs extends readonly AnyEventDefinition[],
>(base: Base, ...definitions: Defs): ExtendedCatalog<Base, Defs> {
  for (const definition of definitions) {
    if (Object.hasOwn(base, definition.name)) {
      throw new MonitorError(
        `Event "${definition.name}" is already in the base catalog: give the new event its own name.`,
      );
    }
  }
  return defineCatalog(...Object.values(base), ...definitions) as ExtendedCatalog<Base, Defs>;
}
