// Checks of the arguments of the monitor's public calls. Each returns a message that names the
// argument and the fix, or undefined when the argument is valid. None of them throws.

const MAX_SHOWN = 32;

/** Describes a value for an error message without calling code that the value carries. */
export function describeArgument(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, MAX_SHOWN));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  return `a value of type ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readOwn(value: Record<string, unknown>, key: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: value[key] };
  } catch {
    return { ok: false };
  }
}

export function userProblem(user: unknown): string | undefined {
  if (user === null) return undefined;
  const fix = 'pass { id: string, plan?: string } or null.';
  if (!isRecord(user)) return `Invalid user ${describeArgument(user)}: ${fix}`;
  const id = readOwn(user, 'id');
  const plan = readOwn(user, 'plan');
  if (!id.ok || !plan.ok) return `Invalid user: reading its fields failed; ${fix}`;
  const validId = typeof id.value === 'string' || Number.isFinite(id.value);
  if (!validId) return `Invalid user id ${describeArgument(id.value)}: ${fix}`;
  if (plan.value !== undefined && typeof plan.value !== 'string') {
    return `Invalid user plan ${describeArgument(plan.value)}: ${fix}`;
  }
  return undefined;
}

export function contextNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && name.length > 0 && name.length <= 64) return undefined;
  return `Invalid context name ${describeArgument(name)}: pass a string of 1 to 64 characters.`;
}

export function contextProblem(context: unknown, allowNull: boolean): string | undefined {
  if (isRecord(context) || (allowNull && context === null)) return undefined;
  const fix = allowNull ? 'pass a plain object, or null to remove it.' : 'pass a plain object.';
  return `Invalid context ${describeArgument(context)}: ${fix}`;
}

export function sinkProblem(sink: unknown): string | undefined {
  const fix = 'pass an object with a string name and optional handler methods.';
  if (!isRecord(sink)) return `Invalid sink ${describeArgument(sink)}: ${fix}`;
  const name = readOwn(sink, 'name');
  if (!name.ok || typeof name.value !== 'string') return `Invalid sink name: ${fix}`;
  return undefined;
}

export function timeoutProblem(timeoutMillis: unknown): string | undefined {
  if (typeof timeoutMillis === 'number' && timeoutMillis >= 0 && timeoutMillis <= 2_147_483_647) {
    return undefined;
  }
  return `Invalid timeout ${describeArgument(timeoutMillis)}: pass milliseconds from 0 to 2147483647.`;
}
