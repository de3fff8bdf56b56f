// Runs in the packed-install app: an Express 5 server with the monitor's middleware and
// endpoints, on 127.0.0.1. It exits non-zero when /metrics lacks the tracked referral or the
// timed request.
import assert from 'node:assert/strict';
import { trackReferral } from '@4site/monitor-business';
import { monitorEndpoints, monitorMiddleware } from '@4site/monitor-express';
import { initMonitor } from '@4site/monitor-node';
import express from 'express';

const monitor = initMonitor({ service: 'pack-install-check' });
const app = express();
app.use(monitorMiddleware(monitor));
app.use(monitorEndpoints(monitor));
app.get('/ping', (_req, res) => {
  res.send('pong');
});

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});

try {
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  trackReferral(monitor, { referralId: 'r1' });

  const ping = await fetch(`${baseUrl}/ping`);
  assert.equal(ping.status, 200, 'GET /ping status');

  const response = await fetch(`${baseUrl}/metrics`);
  const body = await response.text();
  assert.equal(response.status, 200, `GET /metrics status, body:\n${body}`);
  assert.match(
    response.headers.get('content-type') ?? '',
    /^text\/plain/,
    'GET /metrics content type',
  );
  assert.match(body, /^foursite_referrals_total 1$/m, `referral counter in /metrics:\n${body}`);
  assert.match(
    body,
    /^http_server_request_duration_seconds_count\{method="GET",route="\/ping",status_code="200"\} 1$/m,
    `request histogram for GET /ping in /metrics:\n${body}`,
  );
  console.log('esm-check: /metrics has foursite_referrals_total 1 and the GET /ping histogram');
} finally {
  server.closeAllConnections();
  server.close();
  await monitor.close();
}
