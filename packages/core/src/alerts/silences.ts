import { MonitorError } from '../errors';

/** One label matcher of a silence: equal to `value`, or matching it as a regular expression. */
export interface SilenceMatcher {
  readonly name: string;
  readonly value: string;
  /** Treats `value` as a fully anchored regular expression. Default: false. */
  readonly isRegex?: boolean;
}

/** Mutes the alerts whose labels match every matcher until `endsAt`. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly SilenceMatcher[];
  /** End of the silence, in milliseconds since the Unix epoch. */
  readonly endsAt: number;
  readonly comment?: string;
}

/** The input of `addSilence()`. */
export type SilenceInput = Omit<Silence, 'id'>;

/** Silences are few and hand-made; this cap keeps a runaway script from growing memory. */
export const MAX_SILENCES = 1000;

/** Creates the bounded set of silences of one evaluator. */
export function createSilences(now: () => number) {
  const silences = new Map<string, Silence & { readonly patterns: RegExp[] }>();
  let sequence = 0;

  const prune = () => {
    const at = now();
    for (const [id, silence] of silences) if (silence.endsAt <= at) silences.delete(id);
  };

  return {
    add(input: SilenceInput): string {
      prune();
      checkSilence(input);
      if (silences.size >= MAX_SILENCES) {
        throw new MonitorError(
          `Too many silences (${MAX_SILENCES}): remove some before adding more.`,
        );
      }
      sequence += 1;
      const id = `silence-${sequence}`;
      const patterns = input.matchers.map((matcher) => toPattern(matcher));
      silences.set(id, { ...input, id, patterns });
      return id;
    },
    remove(id: string): boolean {
      return silences.delete(id);
    },
    list(): Silence[] {
      prune();
      return [...silences.values()].map(({ patterns: _patterns, ...silence }) => silence);
    },
    /** Returns the id of the first active silence that matches the labels, if any. */
    match(labels: Readonly<Record<string, string>>): string | undefined {
      prune();
      for (const silence of silences.values()) {
        const matches = silence.matchers.every((matcher, index) =>
          (silence.patterns[index] as RegExp).test(labels[matcher.name] ?? ''),
        );
        if (matches) return silence.id;
      }
      return undefined;
    },
  };
}

function toPattern(matcher: SilenceMatcher): RegExp {
  const source = matcher.isRegex
    ? matcher.value
    : matcher.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${source})$`);
}

function checkSilence(input: SilenceInput): void {
  if (!Array.isArray(input.matchers) || input.matchers.length === 0) {
    throw new MonitorError(
      'Invalid silence: give at least one matcher, such as { name: "alertname", value: "SlowApi" }.',
    );
  }
  if (!Number.isFinite(input.endsAt)) {
    throw new MonitorError(
      `Invalid silence endsAt ${input.endsAt}: use milliseconds since the Unix epoch.`,
    );
  }
  for (const matcher of input.matchers) {
    if (!matcher.isRegex) continue;
    try {
      new RegExp(matcher.value);
    } catch {
      throw new MonitorError(
        `Invalid silence matcher "${matcher.value}": it is not a valid regular expression.`,
      );
    }
  }
}
