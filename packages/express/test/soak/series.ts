/** Series counts of one `/metrics` scrape, in either exposition format. */
export interface SeriesCounts {
  /** Sample lines, comments left out. */
  samples: number;
  /** Label sets of the HTTP duration histogram, with `le` left out. */
  httpSeries: number;
  /** Distinct `route` values of the HTTP duration histogram. */
  routes: number;
  /** Distinct `status_code` values of the HTTP duration histogram. */
  statuses: number;
  /** Distinct `page` values of the LCP histogram. */
  pages: number;
  /** Distinct `tenant` values of the `soak_job` counter. */
  tenants: number;
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Counts the samples and capped label values of a scrape body. */
export function countSeries(body: string): SeriesCounts {
  const http = new Set<string>();
  const values = { route: new Set<string>(), status_code: new Set<string>() };
  const pages = new Set<string>();
  const tenants = new Set<string>();
  let samples = 0;
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    samples++;
    const brace = line.indexOf('{');
    if (brace < 0) continue;
    const name = line.slice(0, brace);
    const labels = new Map([...line.matchAll(LABEL)].map((match) => [match[1], match[2]]));
    if (name.startsWith('http_server_request_duration_seconds')) {
      labels.delete('le');
      http.add(JSON.stringify([...labels]));
      values.route.add(labels.get('route') ?? '');
      values.status_code.add(labels.get('status_code') ?? '');
    } else if (name.startsWith('foursite_web_vitals_lcp_seconds')) {
      pages.add(labels.get('page') ?? '');
    } else if (name === 'foursite_soak_jobs_total') {
      tenants.add(labels.get('tenant') ?? '');
    }
  }
  return {
    samples,
    httpSeries: http.size,
    routes: values.route.size,
    statuses: values.status_code.size,
    pages: pages.size,
    tenants: tenants.size,
  };
}
