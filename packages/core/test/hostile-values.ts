import fc from 'fast-check';
import { expect } from 'vitest';

/** The error that hostile getters, Proxy traps and functions throw, so tests can tell it apart. */
export class HostileError extends Error {
  override readonly name = 'HostileError';
}

const MEGABYTE = 'x'.repeat(1024 * 1024);

function throwHostile(): never {
  throw new HostileError('hostile value');
}

function cyclicObject(): unknown {
  const value: Record<string, unknown> = { name: 'cycle' };
  value.self = value;
  value.list = [value];
  return value;
}

function throwingGetters(): unknown {
  // fast-check prints a counterexample through this method instead of reading the getters.
  const value = { [fc.toStringMethod]: () => 'object whose getters throw' };
  for (const key of ['name', 'id', 'path', 'message', 'length', 'then', 'toString', 'valueOf']) {
    Object.defineProperty(value, key, { get: throwHostile, enumerable: true });
  }
  return value;
}

// Every trap throws, so even `typeof`-free reads, `in`, spreading and key listing fail.
function throwingProxy(): unknown {
  const handler: ProxyHandler<object> = {};
  const traps = [
    'get',
    'set',
    'has',
    'ownKeys',
    'getOwnPropertyDescriptor',
    'getPrototypeOf',
    'defineProperty',
    'deleteProperty',
    'apply',
    'construct',
    'isExtensible',
    'preventExtensions',
    'setPrototypeOf',
  ] as const;
  for (const trap of traps) (handler as Record<string, unknown>)[trap] = throwHostile;
  // The one key that does not throw lets fast-check print a counterexample that holds the Proxy.
  const printer = () => 'Proxy whose traps throw';
  handler.get = (_target, key) => {
    if (key === fc.toStringMethod) return printer;
    if (key === fc.asyncToStringMethod || key === fc.cloneMethod) return undefined;
    throwHostile();
  };
  handler.has = (_target, key) =>
    key === fc.toStringMethod ||
    (key === fc.asyncToStringMethod || key === fc.cloneMethod ? false : throwHostile());
  return new Proxy(() => undefined, handler);
}

function deepNesting(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { nested: value };
  // fast-check prints a counterexample recursively and would overflow the stack on this one.
  return { nested: value, [fc.toStringMethod]: () => `object nested ${depth} levels deep` };
}

const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
];

/** Fresh hostile values: each factory builds a new one, so cycles and proxies never leak. */
const FACTORIES: readonly (() => unknown)[] = [
  () => null,
  () => undefined,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => -1,
  () => 2n ** 70n,
  () => Symbol('hostile'),
  () => Symbol.for('hostile'),
  () => MEGABYTE,
  () => '',
  () => '\u0000\r\n\u2028<script>',
  () => '__proto__',
  () => 'constructor',
  () => throwHostile,
  () => () => 'not expected',
  cyclicObject,
  throwingGetters,
  throwingProxy,
  () => deepNesting(5000),
  () => Object.freeze({ frozen: Object.freeze([1, 2]) }),
  () => Object.create(null),
  () => JSON.parse(POLLUTING_JSON[0] as string),
  () => JSON.parse(POLLUTING_JSON[1] as string),
  () => JSON.parse(POLLUTING_JSON[2] as string),
  () => new Date(Number.NaN),
  () => new Map([['a', 1]]),
  () => Promise.resolve('a promise where a value belongs'),
  // biome-ignore lint/suspicious/noThenProperty: a thenable whose then() throws is a hostile case.
  () => ({ then: throwHostile }),
  () => [Number.NaN, null, undefined, MEGABYTE],
  () => new Array(100_000),
];

/** One hostile value: a crafted case, or whatever fast-check's `anything()` produces. */
export function hostileValue(): fc.Arbitrary<unknown> {
  const crafted = fc.constantFrom(...FACTORIES).map((make) => make());
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    maxDepth: 3,
  });
  return fc.oneof({ arbitrary: crafted, weight: 3 }, { arbitrary: anything, weight: 1 });
}

/** An object whose keys mix known option names, `__proto__` and random keys, all hostile. */
export function hostileRecord(keys: readonly string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ...keys),
    fc.string({ maxLength: 8 }),
  );
  return fc.array(fc.tuple(key, hostileValue()), { maxLength: 4 }).map((entries) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of entries) {
      Object.defineProperty(record, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  });
}

/** Where a hostile value went in an argument list, so a failure can name it. */
export interface HostileCall {
  readonly args: unknown[];
  /** The argument position that was made hostile, or -1 when every argument was replaced. */
  readonly position: number;
  /** The option key that was made hostile inside an object argument, if any. */
  readonly key?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Argument lists for one function: a valid call with one argument or one option replaced by a
 * hostile value, or a list of hostile values only. `valid` builds a fresh valid call each time.
 */
export function hostileCalls(
  valid: () => unknown[],
  optionKeys: readonly string[] = [],
): fc.Arbitrary<HostileCall> {
  const whole = fc.array(hostileValue(), { maxLength: 4 }).map((args) => ({ args, position: -1 }));
  const oneArgument = fc.tuple(fc.nat(), hostileValue()).map(([index, value]): HostileCall => {
    const args = valid();
    const position = args.length === 0 ? 0 : index % (args.length + 1);
    args[position] = value;
    return { args, position };
  });
  const oneOption = fc
    .tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', ...optionKeys), hostileValue())
    .map(([index, key, value]): HostileCall => {
      const args = valid();
      const objects = args.map((arg, position) => ({ arg, position }));
      const targets = objects.filter(({ arg }) => isPlainObject(arg));
      const target = targets[index % Math.max(targets.length, 1)];
      if (!target) return { args, position: -1 };
      const copy = { ...(target.arg as Record<string, unknown>) };
      Object.defineProperty(copy, key, { value, enumerable: true, writable: true });
      args[target.position] = copy;
      return { args, position: target.position, key };
    });
  return fc.oneof(whole, oneArgument, oneOption);
}

/** What one call did: its return value, or what it threw. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Calls `run`, awaits a returned promise for up to `waitMillis`, and reports the outcome. */
export async function outcomeOf(run: () => unknown, waitMillis = 2000): Promise<Outcome> {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return { ok: false, error };
  }
  if (!isPromise(value)) return { ok: true, value };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: true, value: 'pending' }), waitMillis);
  });
  try {
    return await Promise.race([
      value.then(
        (resolved): Outcome => ({ ok: true, value: resolved }),
        (error): Outcome => ({ ok: false, error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// A function may return its hostile argument, and `instanceof` on a Proxy runs a trap.
function isPromise(value: unknown): value is Promise<unknown> {
  try {
    return value instanceof Promise;
  } catch {
    return false;
  }
}

/** Describes a thrown value for an assertion message, without touching hostile getters. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
    return `non-error ${typeof error}`;
  } catch {
    return 'unprintable error';
  }
}

const PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
];

/** Own property names of the built-in prototypes, to compare before and after a run. */
export function prototypeKeys(): string[][] {
  return PROTOTYPES.map((prototype) => Reflect.ownKeys(prototype).map(String).sort());
}

/** Fails when a call added a property to a built-in prototype. */
export function expectNoPollution(before: string[][]): void {
  expect(prototypeKeys()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Names of the function-valued exports of a module namespace. */
export function functionExports(module: Record<string, unknown>): string[] {
  return Object.keys(module)
    .filter((name) => typeof module[name] === 'function')
    .sort();
}

/**
 * Settings of every property in these suites: 40 runs, so a file stays well under a minute, and
 * a fixed seed, so CI never flakes. `FAST_CHECK_SEED=<integer>` explores other inputs locally.
 */
export const RUNS = {
  numRuns: 40,
  endOnFailure: true,
  seed: Number.parseInt(process.env.FAST_CHECK_SEED ?? '20261204', 10),
} as const;
