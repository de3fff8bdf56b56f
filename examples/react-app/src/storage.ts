const REF_KEY = '4site.ref';
const VISITOR_KEY = '4site.visitorId';
const REF_CODE = /^[a-z0-9]{1,64}$/i;

/** Returns a random id: a UUID where the browser has `crypto.randomUUID`, else 32 hex digits. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores the `ref` code of a share link for this tab's session and returns the stored code,
 * so a later generation still credits the referrer after the URL changed.
 */
export function rememberReferralCode(location: URL): string | undefined {
  const code = location.searchParams.get('ref') ?? undefined;
  if (code && REF_CODE.test(code)) write(sessionStorage, REF_KEY, code);
  return read(sessionStorage, REF_KEY);
}

/** Returns the anonymous visitor id kept in localStorage, created on the first call. */
export function visitorId(): string {
  const stored = read(localStorage, VISITOR_KEY);
  if (stored) return stored;
  const id = newId();
  write(localStorage, VISITOR_KEY, id);
  return id;
}

// Storage throws where the browser blocks it (private modes, disabled cookies); the app then
// works without remembering anything.
function read(storage: Storage, key: string): string | undefined {
  try {
    return storage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // Storage is blocked, so the value is not remembered.
  }
}
