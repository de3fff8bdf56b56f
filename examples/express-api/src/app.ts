import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHANNELS, type Channel, trackLead } from '@4site/monitor-business';
import { scoreLead } from '@4site/monitor-business/lead-scoring';
import { monitorEndpoints, monitorErrorHandler, monitorMiddleware } from '@4site/monitor-express';
import type { NodeMonitor } from '@4site/monitor-node';
import express from 'express';
import type { ExampleConfig } from './config';
import { mountDashboard } from './dashboard';
import type { SimulationControl } from './simulate';
import { createSiteService } from './sites';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const VISITOR_ID = /^[\w-]{8,64}$/;

/** Builds the example API: the SDK's middleware and endpoints, the 4site API and the React app. */
export function createApp(
  monitor: NodeMonitor,
  config: ExampleConfig,
  simulation?: SimulationControl,
): express.Express {
  const app = express();
  const sites = createSiteService(monitor, config);
  app.disable('x-powered-by');
  app.use(monitorMiddleware(monitor));
  // The simulator sends every visitor's beacons from one address, hence the higher ingest limit.
  app.use(monitorEndpoints(monitor, { rateLimit: { requestsPerMinute: 1200, burst: 200 } }));
  app.use('/api', express.json({ limit: '16kb' }));
  mountDashboard(app, monitor, config, simulation);

  app.post('/api/sites', async (req, res) => {
    const { repoUrl, ref, visitorId } = req.body ?? {};
    if (!sites.isRepoUrl(repoUrl)) {
      res.status(400).json({ error: 'Invalid repoUrl: use https://github.com/OWNER/REPO.' });
      return;
    }
    const code = sites.isReferralCode(ref) ? ref : undefined;
    const visitor =
      typeof visitorId === 'string' && VISITOR_ID.test(visitorId) ? visitorId : randomUUID();
    const site = await sites.generate(repoUrl, code, visitor);
    if (!site) {
      res.status(502).json({ error: 'The AI service failed to generate the site. Try again.' });
      return;
    }
    res.status(201).json({ siteId: site.id, shareUrl: `/?ref=${site.referralCode}` });
  });

  app.get('/api/sites/:id', (req, res) => {
    const site = sites.find(req.params.id);
    if (!site) res.status(404).json({ error: `Site "${req.params.id}" not found.` });
    else
      res.json({ siteId: site.id, repoUrl: site.repoUrl, shareUrl: `/?ref=${site.referralCode}` });
  });

  app.post('/api/leads', (req, res) => {
    const { leadId, email, name, source } = req.body ?? {};
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      res.status(400).json({ error: 'Invalid email: enter an address such as name@example.com.' });
      return;
    }
    const channel: Channel = CHANNELS.includes(source) ? source : 'direct';
    // The e-mail is only scored here; the event carries the lead's id, source, score and domain
    // class, never the address.
    const filledFields = typeof name === 'string' && name.trim() ? 2 : 1;
    const { score, domainClass } = scoreLead({
      email,
      source: channel,
      form: { filledFields, totalFields: 2 },
    });
    const id = typeof leadId === 'string' && leadId.length <= 128 && leadId ? leadId : randomUUID();
    trackLead(monitor, { leadId: id, source: channel, score, emailDomainClass: domainClass });
    res.status(201).json({ ok: true });
  });

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'Unknown API route.' });
  });
  serveReactApp(app);
  app.use(monitorErrorHandler(monitor));
  app.use(sendJsonError);
  return app;
}

// Sends errors as JSON without stack traces. body-parser and Express mark client errors such
// as malformed JSON or a bad percent-encoding with a 4xx `status`.
function sendJsonError(
  error: { status?: number; expose?: boolean },
  _req: express.Request,
  res: express.Response,
  _next: express.NextFunction,
): void {
  const status = Number(error?.status);
  const clientError = Number.isInteger(status) && status >= 400 && status < 500;
  const message = clientError
    ? 'Invalid request: check the URL and the JSON body.'
    : 'Internal error.';
  res.status(clientError ? status : 500).json({ error: message });
}

function serveReactApp(app: express.Express): void {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('@4site/example-react-app/package.json')), 'dist');
  app.use(express.static(root, { index: false, maxAge: '1h' }));
  app.get('/{*path}', (_req, res) => {
    res.sendFile(join(root, 'index.html'), { maxAge: 0 });
  });
}
