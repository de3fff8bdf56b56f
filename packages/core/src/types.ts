import type { Catalog, EventName, EventProperties } from './event';
import type { MonitorEvent } from './validate';

/** The user that later events and errors belong to. Never an e-mail or a name. */
export interface MonitorUser {
  /** An opaque, stable id. */
  id: string;
  /** Subscription plan, a bounded value such as `free` or `pro`. */
  plan?: string;
}

/** Whether the visitor allowed monitoring. `pending` drops events without sending them. */
export type ConsentState = 'granted' | 'denied' | 'pending';

/** The API that browser and Node monitors share, so shared code can take either. */
export interface Monitor<C extends Catalog = Catalog> {
  /** Validates an event of the catalog and sends it to every sink. Never throws in production mode. */
  track<N extends EventName<C>>(name: N, properties: EventProperties<C, N>): void;
  /** Reports an error with optional context; personal data in the context is scrubbed. */
  captureError(error: unknown, context?: Record<string, unknown>): void;
  /** Sets the user of later events, or clears it with `null`. */
  identify(user: MonitorUser | null): void;
  /** Sets a named context for later errors, or removes it with `null`. */
  setContext(name: string, context: Record<string, unknown> | null): void;
  setConsent(consent: ConsentState): void;
  /** Resolves to true when every sink delivered what it held within the timeout. */
  flush(timeoutMillis?: number): Promise<boolean>;
  /** Flushes, then stops every sink. Later calls are ignored. */
  close(timeoutMillis?: number): Promise<boolean>;
}

/** State that sinks read when they handle an error. */
export interface MonitorScope {
  readonly user: MonitorUser | null;
  readonly contexts: Readonly<Record<string, Record<string, unknown>>>;
  readonly consent: ConsentState;
}

/** A destination for events: a vendor, a metrics registry or a transport. */
export interface Sink {
  /** Unique per monitor; a second sink with the same name is ignored. */
  readonly name: string;
  handleEvent?(event: MonitorEvent, scope: MonitorScope): void;
  handleError?(error: unknown, context: Record<string, unknown>, scope: MonitorScope): void;
  handleScope?(scope: MonitorScope): void;
  flush?(timeoutMillis: number): Promise<boolean>;
  close?(timeoutMillis: number): Promise<boolean>;
}
