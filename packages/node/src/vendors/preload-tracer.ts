import { loadOptional } from './load-optional';

/** Returns whether the DataDog environment variables request tracing. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const enabled = env.DD_TRACE_ENABLED?.toLowerCase();
  if (enabled === 'false' || enabled === '0') return false;
  return enabled === 'true' || enabled === '1' || !!env.DD_TRACE_AGENT_URL || !!env.DD_AGENT_HOST;
}

/**
 * Starts dd-trace from its `DD_*` environment variables and registers its ES module hooks, as
 * `--import dd-trace/initialize.mjs` would. Does nothing unless the environment requests it.
 */
export function startTracerFromEnv(env: NodeJS.ProcessEnv): void {
  if (!tracingRequested(env)) return;
  const tracer = loadOptional<{ init(): unknown }>('dd-trace', '>=5.132.0 <7', 'DD_TRACE_ENABLED');
  tracer.init();
  // Registers the import-in-the-middle hooks, so ES modules imported later are patched too.
  loadOptional('dd-trace/register.js', '>=5.132.0 <7', 'DD_TRACE_ENABLED');
}
