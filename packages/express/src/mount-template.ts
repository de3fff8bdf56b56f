import type { MonitoredRequest } from './http-types';

/** A router layer as Express 4 (`regexp`, `keys`) and Express 5 (`matchers`, `rawPath`) keep it. */
interface Layer {
  handle?: { stack?: Layer[] };
  regexp?: RegExp;
  keys?: { name: string | number }[];
  matchers?: ((path: string) => { path: string } | false)[];
  rawPath?: unknown;
}

type AppWithRouter = {
  router?: { stack?: Layer[] };
  _router?: { stack?: Layer[] };
  /** Set on an app mounted in another app, with the path it was mounted at. */
  parent?: unknown;
  mountpath?: unknown;
};

/** The template of a sub-app mount that cannot be read, such as a RegExp or a list of paths. */
export const UNKNOWN_MOUNT = '/:mount';

// Resolved templates by base URL. Cleared when full, so a scanner cannot grow it without bound.
const MAX_CACHED = 1000;
const cache = new WeakMap<object, Map<string, string>>();

/**
 * Returns the template of the routers a request went through, such as `/users/:userId` for a
 * base URL of `/users/u42`. Express keeps only the matched path in `req.baseUrl`, so this walks
 * the app's router stack and matches the base URL against each mounted router again. Returns
 * the base URL itself when no mount matches.
 */
export function mountTemplate(req: MonitoredRequest & { app?: unknown }): string {
  const baseUrl = req.baseUrl ?? '';
  const app = req.app as AppWithRouter | undefined;
  if (!baseUrl || !app) return baseUrl;
  const stack = routerStack(app);
  if (!stack) return baseUrl;

  let templates = cache.get(app);
  if (!templates) {
    templates = new Map();
    cache.set(app, templates);
  }
  let template = templates.get(baseUrl);
  if (template === undefined) {
    template = resolve(app, stack, baseUrl);
    if (templates.size >= MAX_CACHED) templates.clear();
    templates.set(baseUrl, template);
  }
  return template;
}

/**
 * Resolves a base URL in the app that handled the request. A sub-app (`app.use('/t/:tenant',
 * subApp)`) gets the full base URL but not the mounts above it, which only its `mountpath` and
 * those of its parents record, so their templates come first and stand for as many segments.
 */
function resolve(app: AppWithRouter, stack: Layer[], baseUrl: string): string {
  const mounts = subAppMounts(app);
  if (mounts === undefined) return UNKNOWN_MOUNT;
  const prefix = mounts.join('');
  const skipped = prefix.split('/').filter(Boolean).length;
  const rest = `/${baseUrl.split('/').filter(Boolean).slice(skipped).join('/')}`;
  if (rest === '/') return prefix || baseUrl;
  return prefix + (walk(stack, rest) ?? rest);
}

// The mount paths from the outermost app in, or undefined when one is not a plain path.
function subAppMounts(app: AppWithRouter): string[] | undefined {
  const mounts: string[] = [];
  let current: AppWithRouter | undefined = app;
  for (let depth = 0; current?.parent && depth < 10; depth++) {
    const path = current.mountpath;
    if (typeof path !== 'string' || /[*?+()[\]]/.test(path)) return undefined;
    mounts.unshift(path === '/' ? '' : path);
    current = current.parent as AppWithRouter;
  }
  return mounts;
}

// Express 4 keeps its router in `_router` and throws from the `router` getter, which Express 5
// uses instead, so `_router` is read first.
function routerStack(app: AppWithRouter): Layer[] | undefined {
  if (app._router) return app._router.stack;
  try {
    return app.router?.stack;
  } catch {
    return undefined;
  }
}

function walk(stack: Layer[], path: string, depth = 0): string | undefined {
  if (depth > 10) return undefined;
  for (const layer of stack) {
    if (!layer.handle?.stack) continue;
    const mount = matchMount(layer, path);
    if (!mount) continue;
    const rest = path.slice(mount.matched.length);
    if (rest === '' || rest === '/') return mount.template;
    const inner = walk(layer.handle.stack, rest, depth + 1);
    if (inner !== undefined) return mount.template + inner;
  }
  return undefined;
}

function matchMount(layer: Layer, path: string): { matched: string; template: string } | undefined {
  if (layer.matchers) {
    const paths = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath];
    for (const [index, matcher] of layer.matchers.entries()) {
      const match = matcher(path);
      if (match && match.path !== '') {
        return { matched: match.path, template: String(paths[index]) };
      }
    }
    return undefined;
  }
  const match = layer.regexp?.exec(path);
  if (!match?.[0]) return undefined;
  return { matched: match[0], template: templateFromCaptures(match, layer.keys ?? []) };
}

// Express 4 keeps no path string for a mounted router, only its RegExp and parameter names, so
// each captured value in the matched path is replaced by its `:name`, left to right.
function templateFromCaptures(match: RegExpExecArray, keys: { name: string | number }[]): string {
  const segments = (match[0] ?? '').split('/');
  let from = 0;
  keys.forEach((key, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    const at = segments.indexOf(value, from);
    if (at < 0) return;
    segments[at] = `:${key.name}`;
    from = at + 1;
  });
  return segments.join('/');
}
