import type { MonitoredRequest } from './http-types';
import { mountTemplate } from './mount-template';

/** Route label of requests that no route matched, such as static files and 404s. */
export const UNMATCHED_ROUTE = 'unmatched';
/** Route label of every route past the `maxRoutes` cap. */
export const OVERFLOW_ROUTE = 'other';

// Set by the SDK's own endpoints, which are plain middleware without an Express route.
const SDK_ROUTE = Symbol.for('@4site/monitor-express/route');

type Tagged = MonitoredRequest & { [SDK_ROUTE]?: string };

/** Marks a request as served by an SDK endpoint at the given path. */
export function tagRoute(req: MonitoredRequest, path: string): void {
  (req as Tagged)[SDK_ROUTE] = path;
}

/** Returns the route template of a finished request, such as `/sites/:id`, never the raw path. */
export function routeTemplate(req: MonitoredRequest): string {
  const tagged = (req as Tagged)[SDK_ROUTE];
  if (tagged) return tagged;
  const path = req.route?.path;
  if (path === undefined || path === null) return UNMATCHED_ROUTE;
  // Express allows a route to be an array of paths or a RegExp; both print as their source.
  const template = typeof path === 'string' ? path : String(path);
  return `${mountTemplate(req)}${template}` || '/';
}
