/**
 * The preload entry: `node --import @4site/monitor-node/register app.js` (ESM and CommonJS
 * apps). It runs before the app loads Express, so dd-trace, when the environment turns it on
 * (`DD_TRACE_AGENT_URL`, `DD_AGENT_HOST` or `DD_TRACE_ENABLED=true`), patches Express and pg
 * when they load, in ES modules too. `initMonitor()` later reuses that tracer.
 */
import { markPreloaded } from './preload';
import { startTracerFromEnv } from './vendors/preload-tracer';

markPreloaded();
startTracerFromEnv(process.env);
