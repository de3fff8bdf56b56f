import fc from 'fast-check';
import { expect } from 'vitest';
import {
  describeError,
  expectNoPollution,
  type HostileCall,
  hostileCalls,
  hostileValue,
  type Outcome,
  outcomeOf,
  prototypeKeys,
  RUNS,
} from './hostile-values';

/**
 * How one public function may react to hostile arguments. `runtime` functions run while the
 * host app serves traffic and must neither throw nor reject. `config` functions run at start-up
 * and may throw a `MonitorError` that names the bad option, and nothing else.
 */
export interface ApiSpec {
  readonly kind: 'runtime' | 'config';
  /** Builds a fresh valid argument list; hostile calls replace one argument or option of it. */
  readonly valid: () => unknown[];
  /** Option names worth replacing inside object arguments. */
  readonly keys?: readonly string[];
  /**
   * Also calls the methods of the returned object, or the returned function itself, with hostile
   * arguments, as for a monitor, a notifier or a middleware. Every such method is runtime code.
   */
  readonly methods?: boolean;
  /** Methods of the returned object to leave out, each with the reason in a comment. */
  readonly skipMethods?: readonly string[];
  /**
   * Methods that run a callback of the caller, such as `withRequest()`: an error that the
   * caller's own hostile callback throws may pass through them unchanged.
   */
  readonly callbackMethods?: readonly string[];
  /** Calls the export with `new`, as for an error class. */
  readonly construct?: boolean;
  /** Releases what a successful call created: timers, servers, registries. */
  readonly cleanup?: (result: unknown) => unknown;
}

/** A thrown value that the caller's own hostile argument raised and the SDK let through. */
function isCallersOwnError(error: unknown): boolean {
  return error instanceof Error && error.name === 'HostileError';
}

function isMonitorError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'MonitorError';
}

/** Checks the outcome of one hostile call against the function's kind. */
export function expectAllowedOutcome(
  label: string,
  kind: ApiSpec['kind'],
  call: HostileCall,
  outcome: Outcome,
): void {
  if (outcome.ok) return;
  const where = call.key === undefined ? `argument ${call.position}` : `option ${call.key}`;
  const thrown = `${describeError(outcome.error)}\n(hostile value at ${where})`;
  if (kind === 'runtime') {
    expect.fail(`${label} threw in production mode: ${thrown}`);
  }
  if (isCallersOwnError(outcome.error)) return;
  expect(
    isMonitorError(outcome.error),
    `${label} threw something else than a MonitorError: ${thrown}`,
  ).toBe(true);
  const message = (outcome.error as Error).message;
  // A message that echoes a 1 MB argument would flood the host app's logs.
  expect(message.length, `${label}: the MonitorError message is empty`).toBeGreaterThan(0);
  expect(message.length, `${label}: the MonitorError message is too long`).toBeLessThanOrEqual(
    1000,
  );
}

/** Runs hostile calls against one exported function, then against what it returns. */
export async function checkExport(
  name: string,
  fn: (...args: unknown[]) => unknown,
  spec: ApiSpec,
): Promise<void> {
  const before = prototypeKeys();
  const invoke = (args: unknown[]) =>
    spec.construct
      ? new (fn as unknown as new (...args: unknown[]) => unknown)(...args)
      : fn(...args);
  await fc.assert(
    fc.asyncProperty(hostileCalls(spec.valid, spec.keys), async (call) => {
      const outcome = await outcomeOf(() => invoke(call.args));
      expectNoPollution(before);
      expectAllowedOutcome(name, spec.kind, call, outcome);
      if (outcome.ok) await spec.cleanup?.(outcome.value);
    }),
    RUNS,
  );
  if (!spec.methods) return;
  const made = await outcomeOf(() => invoke(spec.valid()));
  expect(made.ok, `${name} rejects its valid call`).toBe(true);
  if (!made.ok) return;
  try {
    await checkMethods(name, made.value, spec.skipMethods ?? [], spec.callbackMethods ?? []);
  } finally {
    await spec.cleanup?.(made.value);
  }
}

/** Names of the callable members of a returned object, own and inherited, minus Object's own. */
export function methodNames(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const names = new Set<string>();
  for (let level: object | null = value; level && level !== Object.prototype; ) {
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(level, key);
      if (descriptor && typeof descriptor.value === 'function') names.add(key);
    }
    level = Object.getPrototypeOf(level);
  }
  return [...names].sort();
}

/** Calls every method of `value` (or `value` itself when it is a function) with hostile lists. */
export async function checkMethods(
  owner: string,
  value: unknown,
  skip: readonly string[],
  callbackMethods: readonly string[] = [],
): Promise<void> {
  const before = prototypeKeys();
  const targets: [string, (...args: unknown[]) => unknown, boolean][] = [];
  if (typeof value === 'function') targets.push([`${owner}()`, value as never, false]);
  for (const method of methodNames(value)) {
    if (skip.includes(method)) continue;
    const bound = (...args: unknown[]) =>
      (value as Record<string, (...args: unknown[]) => unknown>)[method]?.(...args);
    targets.push([`${owner}().${method}`, bound, callbackMethods.includes(method)]);
  }
  for (const [label, call, runsCallback] of targets) {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileValue(), { maxLength: 4 }), async (args) => {
        const outcome = await outcomeOf(() => call(...args));
        expectNoPollution(before);
        if (runsCallback && !outcome.ok && isCallersOwnError(outcome.error)) return;
        expectAllowedOutcome(label, 'runtime', { args, position: -1 }, outcome);
      }),
      { ...RUNS, numRuns: 20 },
    );
  }
}

/** Fails when the module gained a function export that `specs` does not list, or lost one. */
export function expectEveryFunctionCovered(
  module: Record<string, unknown>,
  specs: Record<string, unknown>,
): void {
  const exported = Object.keys(module)
    .filter((name) => typeof module[name] === 'function')
    .sort();
  expect(Object.keys(specs).sort()).toEqual(exported);
}
