import { trackShare, useMonitor } from '@4site/monitor-react';
import { useState } from 'react';

/** Renders the share link of a generated site and a button that copies it. */
export function SharePanel({ shareUrl }: { shareUrl: string }) {
  const monitor = useMonitor();
  const [copied, setCopied] = useState<boolean | undefined>();

  const copy = async () => {
    trackShare(monitor, { platform: 'link' });
    try {
      // The Clipboard API is missing on insecure origins and may be denied by the browser.
      await navigator.clipboard.writeText(shareUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="card">
      <h2>Share your site</h2>
      <p>Friends who generate a site through your link earn you a commission.</p>
      <p className="share-link">
        <a data-testid="share-link" href={shareUrl}>
          {shareUrl}
        </a>
      </p>
      <button data-testid="share" type="button" onClick={copy}>
        Copy share link
      </button>
      {copied === true && (
        <span className="note" role="status">
          Copied.
        </span>
      )}
      {copied === false && (
        <span className="note" role="status">
          Copy the link above by hand.
        </span>
      )}
    </section>
  );
}
