import { type FormEvent, useState } from 'react';
import { type GeneratedSite, generateSite } from './api';
import { visitorId } from './storage';

type Status =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; site: GeneratedSite };

export interface GenerateFormProps {
  /** Referral code of the share link that brought the visitor, if any. */
  referralCode: string | undefined;
  onGenerated(site: GeneratedSite): void;
}

/** Renders the form that turns a GitHub repository URL into a site. */
export function GenerateForm({ referralCode, onGenerated }: GenerateFormProps) {
  const [repoUrl, setRepoUrl] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus({ kind: 'pending' });
    try {
      const request = { repoUrl: repoUrl.trim(), visitorId: visitorId() };
      const site = await generateSite(referralCode ? { ...request, ref: referralCode } : request);
      setStatus({ kind: 'done', site });
      onGenerated(site);
    } catch (error) {
      setStatus({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <form className="card" onSubmit={submit}>
      <h2>Generate your site</h2>
      <label htmlFor="repo-url">GitHub repository URL</label>
      <div className="row">
        <input
          id="repo-url"
          data-testid="repo-url"
          type="url"
          required
          placeholder="https://github.com/owner/repo"
          value={repoUrl}
          onChange={(event) => setRepoUrl(event.target.value)}
        />
        <button data-testid="generate" type="submit" disabled={status.kind === 'pending'}>
          Generate site
        </button>
      </div>
      {status.kind === 'pending' && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" /> Generating your site. This takes a few
          seconds.
        </p>
      )}
      {status.kind === 'error' && (
        <p className="error" data-testid="generate-error" role="alert">
          {status.message}
        </p>
      )}
      {status.kind === 'done' && (
        <p className="success" data-testid="site-result" role="status">
          Your site <code>{status.site.siteId}</code> is ready.
        </p>
      )}
    </form>
  );
}
