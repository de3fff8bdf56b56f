/** Error thrown for misconfiguration at start-up, and for bad input in development mode. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';

  constructor(message?: unknown, options?: ErrorOptions) {
    // A message that is a symbol or an object whose conversion throws must not become a TypeError.
    super(typeof message === 'string' ? message : describeValue(message), readOptions(options));
  }
}

function readOptions(options: unknown): ErrorOptions | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  try {
    return 'cause' in options ? { cause: options.cause } : undefined;
  } catch {
    return undefined;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return '';
  try {
    return String(value);
  } catch {
    return `value of type ${typeof value}`;
  }
}
