import { MonitorError } from '@4site/monitor-core';
import { parseEmail } from './email-domain';

const MIN_SALT_LENGTH = 16;

/**
 * Hashes an e-mail with HMAC-SHA-256 keyed by `salt`, through Web Crypto, so the same code runs
 * in browsers and Node. The address is trimmed and lower-cased first, so `A@B.io` and `a@b.io`
 * hash alike. Resolves to 64 hex characters, or to null when `email` is not an address.
 * Rejects with a MonitorError when the salt is shorter than 16 characters or Web Crypto is
 * missing (browsers expose it on HTTPS pages only).
 */
export async function hashEmail(email: string, salt: string): Promise<string | null> {
  if (typeof salt !== 'string' || salt.length < MIN_SALT_LENGTH) {
    throw new MonitorError(`Invalid salt: use a secret of at least ${MIN_SALT_LENGTH} characters.`);
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new MonitorError(
      'Web Crypto (crypto.subtle) is unavailable: hash e-mails in Node or on an HTTPS page.',
    );
  }
  const parsed = typeof email === 'string' ? parseEmail(email) : undefined;
  if (!parsed) return null;

  const encoder = new TextEncoder();
  const key = await subtle.importKey(
    'raw',
    encoder.encode(salt),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await subtle.sign('HMAC', key, encoder.encode(`${parsed.local}@${parsed.domain}`));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
