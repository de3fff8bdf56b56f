/** Reason an event was not delivered. */
export type DropReason =
  | 'invalid'
  | 'unknown_event'
  | 'duplicate'
  | 'consent'
  | 'closed'
  | 'sink_error'
  | 'queue_full';

export const DROP_REASONS: readonly DropReason[] = [
  'invalid',
  'unknown_event',
  'duplicate',
  'consent',
  'closed',
  'sink_error',
  'queue_full',
];

/** Counts of accepted and dropped events since the monitor started. */
export interface MonitorStats {
  readonly accepted: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
}

export function createStats() {
  let accepted = 0;
  const dropped = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<
    DropReason,
    number
  >;
  return {
    accept: () => {
      accepted++;
    },
    drop: (reason: DropReason) => {
      dropped[reason]++;
    },
    snapshot: (): MonitorStats => ({ accepted, dropped: { ...dropped } }),
  };
}
