/** A generated site, as `POST /api/sites` returns it. */
export interface GeneratedSite {
  siteId: string;
  /** Absolute URL of the share link, built from the page's origin. */
  shareUrl: string;
}

export interface SiteRequest {
  repoUrl: string;
  ref?: string;
  visitorId: string;
}

export interface LeadRequest {
  leadId: string;
  email: string;
  name: string;
  source: string;
}

/** Starts an AI generation of a site; rejects with the API's error message on failure. */
export async function generateSite(request: SiteRequest): Promise<GeneratedSite> {
  const body = await postJson('/api/sites', request);
  const { siteId, shareUrl } = body as { siteId?: unknown; shareUrl?: unknown };
  if (typeof siteId !== 'string' || typeof shareUrl !== 'string') {
    throw new Error('The server returned an invalid site. Try again.');
  }
  return { siteId, shareUrl: new URL(shareUrl, window.location.origin).href };
}

/** Sends a lead; rejects with the API's error message on failure. */
export async function submitLead(request: LeadRequest): Promise<void> {
  await postJson('/api/leads', request);
}

async function postJson(path: string, payload: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new Error('The server could not be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const message = (body as { error?: unknown } | null)?.error;
  throw new Error(
    typeof message === 'string' ? message : `The request failed with status ${response.status}.`,
  );
}
