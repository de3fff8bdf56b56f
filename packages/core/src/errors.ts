/** Error thrown for misconfiguration at start-up, and for bad input in development mode. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
}
