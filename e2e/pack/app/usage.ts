// Type-checked with tsc against the packed `.d.ts` files (ES module resolution), never run.
import { createServer } from 'node:http';
import { initMonitor as initBrowserMonitor } from '@4site/monitor-browser';
import { trackLead, trackVisit } from '@4site/monitor-business';
import { type Handler, monitorEndpoints, monitorMiddleware } from '@4site/monitor-express';
import { initMonitor, type NodeMonitor } from '@4site/monitor-node';
import { recordSocialLead } from './shared.js';

const serverMonitor: NodeMonitor = initMonitor({ service: 'pack-install-check' });
const browserMonitor = initBrowserMonitor({ endpoint: '/monitor/ingest' });
recordSocialLead(serverMonitor, 'l1');
recordSocialLead(browserMonitor, 'l2');

trackLead(serverMonitor, { leadId: 'l1', source: 'social' });
// @ts-expect-error 'tiktok' is not one of the catalog's channels.
trackVisit(serverMonitor, { channel: 'tiktok' });
// @ts-expect-error a lead needs a source.
trackLead(browserMonitor, { leadId: 'l3' });

// The Express handlers also fit a plain Node server, without @types/express.
const middleware: Handler = monitorMiddleware(serverMonitor);
const endpoints: Handler = monitorEndpoints(serverMonitor);
createServer((req, res) => {
  middleware(req, res, () => {
    endpoints(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
});
