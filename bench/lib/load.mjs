import autocannon from 'autocannon';

/** Runs autocannon against a URL and returns requests per second and latency percentiles in ms. */
export async function load(url, { seconds, connections = 50, method = 'GET', body, headers } = {}) {
  const result = await autocannon({
    url,
    duration: seconds,
    connections,
    method,
    body,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  }
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
