import { classifySource } from '@4site/monitor-business';
import { MonitorErrorBoundary, useMonitor, usePageView } from '@4site/monitor-react';
import { useEffect, useState } from 'react';
import type { GeneratedSite } from './api';
import { CrashDemo } from './crash-demo';
import { GenerateForm } from './generate-form';
import { LeadForm } from './lead-form';
import { SharePanel } from './share-panel';
import { rememberReferralCode, visitorId } from './storage';
import { useVisitTracking } from './use-visit-tracking';

function readLanding() {
  const url = new URL(window.location.href);
  return {
    channel: classifySource({ url, referrer: document.referrer }).channel,
    referralCode: rememberReferralCode(url),
  };
}

function CrashFallback() {
  return (
    <p className="error" data-testid="crash-fallback" role="alert">
      Something went wrong in this part of the page. The rest still works.
    </p>
  );
}

/** Renders the 4site landing page: generation, sharing and lead capture on one screen. */
export function App() {
  const [landing] = useState(readLanding);
  const [site, setSite] = useState<GeneratedSite | undefined>();
  const monitor = useMonitor();
  useVisitTracking(landing.channel);
  usePageView('/');
  // The anonymous visitor id, never an e-mail, so errors and sessions of one visitor group.
  useEffect(() => monitor.identify({ id: visitorId() }), [monitor]);

  return (
    <main>
      <header className="hero">
        <p className="brand">4site</p>
        <h1>Turn a GitHub repository into a website</h1>
        <p>Paste a repository URL; AI writes the site from its README and code.</p>
      </header>
      <MonitorErrorBoundary fallback={<CrashFallback />}>
        <CrashDemo />
      </MonitorErrorBoundary>
      <GenerateForm referralCode={landing.referralCode} onGenerated={setSite} />
      {site && <SharePanel shareUrl={site.shareUrl} />}
      <LeadForm source={landing.channel} />
    </main>
  );
}
