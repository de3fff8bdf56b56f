import type { ReactNode } from 'react';
import { matchRoutes, type RouteObject, useLocation } from 'react-router';
import { usePageView } from './use-page-view';

/** Template used when no route matches the location. */
export const UNMATCHED_TEMPLATE = '/:unmatched';

/**
 * Joins the paths of matched routes into one template, such as `/sites/:id/edit`. Index and
 * pathless layout routes add nothing.
 */
export function routeTemplate(matches: readonly { route: RouteObject }[] | null): string {
  if (!Array.isArray(matches) || matches.length === 0) return UNMATCHED_TEMPLATE;
  try {
    const segments = matches.flatMap((match) => pathOf(match).split('/'));
    const path = segments.filter((segment) => segment !== '').join('/');
    return `/${path}`.slice(0, 128);
  } catch {
    // A match whose route cannot be read, such as through a getter that throws.
    return UNMATCHED_TEMPLATE;
  }
}

function pathOf(match: { route: RouteObject }): string {
  const path = match?.route?.path;
  return typeof path === 'string' ? path : '';
}

export interface RouteTrackerProps {
  /** The app's route objects, the same array that `createBrowserRouter()` or `useRoutes()` gets. */
  routes: RouteObject[];
}

/**
 * Reports the route template of the current react-router location on every navigation, through
 * `usePageView()`. Render it once inside the router. The template comes from the route
 * definitions, never from the URL, so ids in the path never become labels.
 */
export function RouteTracker({ routes }: RouteTrackerProps): ReactNode {
  const location = useLocation();
  usePageView(routeTemplate(matchSafely(routes, location)));
  return null;
}

// Route objects that react-router cannot read would otherwise fail the render of the app's page.
function matchSafely(routes: RouteObject[], location: ReturnType<typeof useLocation>) {
  if (!Array.isArray(routes)) return null;
  try {
    return matchRoutes(routes, location);
  } catch {
    return null;
  }
}
