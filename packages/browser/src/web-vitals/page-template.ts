/** Maximum length of a page template in characters, as the `web_vital` and `visit` events allow. */
export const MAX_PAGE_LENGTH = 128;

// Path segments that are ids rather than names: numbers, UUIDs, long hex strings, and long
// mixes of letters and digits such as share codes.
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|(?=[^/]*\d)[A-Za-z0-9_-]{16,})$/i;

/**
 * Turns a path into a route template when no router supplies one: segments that look like ids
 * become `:id`, anything with an `@` becomes `:value`, and the result is cut to 128 characters.
 * `/sites/8f14e45f-ceea-4a67-9c4b-3f1e2d5b6a7c/edit` becomes `/sites/:id/edit`.
 */
export function toPageTemplate(pathname: string): string {
  const segments = pathname.split('?')[0]?.split('#')[0]?.split('/') ?? [];
  const template = segments
    .map((segment) => {
      if (segment === '') return segment;
      if (segment.includes('@') || segment.includes('%40')) return ':value';
      return ID_SEGMENT.test(segment) ? ':id' : segment;
    })
    .join('/');
  const withSlash = template.startsWith('/') ? template : `/${template}`;
  return withSlash.slice(0, MAX_PAGE_LENGTH);
}
