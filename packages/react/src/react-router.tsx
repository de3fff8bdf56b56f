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
  if (!matches || matches.length === 0) return UNMATCHED_TEMPLATE;
  const segments = matches.flatMap((match) => (match.route.path ?? '').split('/'));
  const path = segments.filter((segment) => segment !== '').join('/');
  return `/${path}`.slice(0, 128);
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
  usePageView(routeTemplate(matchRoutes(routes, location)));
  return null;
}
