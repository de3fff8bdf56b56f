// Type-checked with tsc against the packed `.d.cts` files (CommonJS resolution), never run.
import monitorBrowser = require('@4site/monitor-browser');
import monitorBusiness = require('@4site/monitor-business');
import monitorCore = require('@4site/monitor-core');
import monitorExpress = require('@4site/monitor-express');
import monitorNode = require('@4site/monitor-node');
import monitorReact = require('@4site/monitor-react');

type FourSiteMonitor = monitorCore.Monitor<monitorBusiness.FourSiteCatalog>;

const monitor: FourSiteMonitor = monitorNode.createNodeMonitor();
monitorBusiness.trackLead(monitor, { leadId: 'l1', source: 'email' });
// @ts-expect-error 'tiktok' is not one of the catalog's channels.
monitorBusiness.trackVisit(monitor, { channel: 'tiktok' });

const middleware: monitorExpress.Handler = monitorExpress.monitorMiddleware(
  monitorNode.createNodeMonitor(),
);
const browserMonitor: monitorBrowser.BrowserMonitor = monitorBrowser.initMonitor();
const useMonitor: () => FourSiteMonitor = monitorReact.useMonitor;

export = { middleware, browserMonitor, useMonitor };
