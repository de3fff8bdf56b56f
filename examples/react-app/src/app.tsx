import { useState } from 'react';
import type { GeneratedSite } from './api';
import { detectChannel } from './channel';
import { GenerateForm } from './generate-form';
import { LeadForm } from './lead-form';
import { SharePanel } from './share-panel';
import { rememberReferralCode } from './storage';
import { useVisitTracking } from './use-visit-tracking';

function readLanding() {
  const url = new URL(window.location.href);
  return {
    channel: detectChannel(url, document.referrer),
    referralCode: rememberReferralCode(url),
  };
}

/** Renders the 4site landing page: generation, sharing and lead capture on one screen. */
export function App() {
  const [landing] = useState(readLanding);
  const [site, setSite] = useState<GeneratedSite | undefined>();
  useVisitTracking(landing.channel);

  return (
    <main>
      <header className="hero">
        <p className="brand">4site</p>
        <h1>Turn a GitHub repository into a website</h1>
        <p>Paste a repository URL; AI writes the site from its README and code.</p>
      </header>
      <GenerateForm referralCode={landing.referralCode} onGenerated={setSite} />
      {site && <SharePanel shareUrl={site.shareUrl} />}
      <LeadForm source={landing.channel} />
    </main>
  );
}
