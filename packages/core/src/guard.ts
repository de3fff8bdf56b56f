import { MonitorError } from './errors';

const MAX_REASON_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 500;

function reasonOf(error: unknown): string {
  try {
    const text = error instanceof Error ? error.message : String(error);
    return text.slice(0, MAX_REASON_LENGTH);
  } catch {
    return 'an argument that could not be read';
  }
}

/**
 * Wraps a start-up function so that whatever it throws reaches the caller as one `MonitorError`
 * naming the function, never as a `TypeError` from deep inside. A `MonitorError` that the
 * function raised itself, which already names the option, passes through unchanged.
 */
export function guardConfig<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  const guarded = (...args: Parameters<F>) => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof MonitorError && error.message.length <= MAX_MESSAGE_LENGTH) throw error;
      if (error instanceof MonitorError) {
        // A message that quotes a huge argument whole would flood the host app's log.
        throw new MonitorError(`${error.message.slice(0, MAX_MESSAGE_LENGTH)}…`);
      }
      throw new MonitorError(
        `Invalid arguments to ${name}(): ${reasonOf(error)}. Pass the options its documentation lists, with the documented types.`,
      );
    }
  };
  return guarded as F;
}

/**
 * Wraps a function that runs while the host app serves traffic so that it returns `fallback()`
 * instead of throwing, whatever its arguments.
 */
export function guardRuntime<F extends (...args: never[]) => unknown>(
  fn: F,
  fallback: (...args: Parameters<F>) => ReturnType<F>,
): F {
  const guarded = (...args: Parameters<F>) => {
    try {
      return fn(...args);
    } catch {
      return fallback(...args);
    }
  };
  return guarded as F;
}
