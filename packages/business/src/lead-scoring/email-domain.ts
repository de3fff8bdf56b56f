import type { EmailDomainClass } from '../catalog/values';
import { disposableDomainSet, webmailDomainSet } from './domain-lists';

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// Characters that would make the URL parser below read only part of the domain.
const NOT_IN_DOMAIN = /[\s/\\?#:@[\]%]/;
const DOMAIN_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** An e-mail split into a lower-cased local part and an ASCII (punycode) domain. */
export interface ParsedEmail {
  readonly local: string;
  readonly domain: string;
}

/** Parses an e-mail address, or returns undefined when it is not one. */
export function parseEmail(email: string): ParsedEmail | undefined {
  const address = email.trim();
  if (address.length > MAX_EMAIL_LENGTH) return undefined;
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const rawDomain = address.slice(at + 1).replace(/\.$/, '');
  if (at < 1 || local.length > MAX_LOCAL_LENGTH || /\s/.test(local)) return undefined;
  if (!rawDomain || NOT_IN_DOMAIN.test(rawDomain)) return undefined;
  let domain: string;
  try {
    // The URL parser lower-cases the name and turns international names into punycode.
    domain = new URL(`http://${rawDomain}`).hostname;
  } catch {
    return undefined;
  }
  return DOMAIN_NAME.test(domain) ? { local: local.toLowerCase(), domain } : undefined;
}

/** Returns whether the domain, or a parent domain short of the top-level one, is in the set. */
function inSet(domain: string, set: ReadonlySet<string>): boolean {
  let candidate = domain;
  while (candidate.includes('.')) {
    if (set.has(candidate)) return true;
    candidate = candidate.slice(candidate.indexOf('.') + 1);
  }
  return false;
}

/**
 * Classifies an e-mail's domain. It is `disposable` when it or a parent domain is a disposable
 * inbox, `webmail` when it is a free mail provider, and `company` otherwise. An address that
 * does not parse is `invalid`, and no address (or a value that is not a string) is `missing`.
 */
export function classifyEmailDomain(email: string | null | undefined): EmailDomainClass {
  if (typeof email !== 'string' || email.trim() === '') return 'missing';
  const parsed = parseEmail(email);
  if (!parsed) return 'invalid';
  if (inSet(parsed.domain, disposableDomainSet())) return 'disposable';
  if (inSet(parsed.domain, webmailDomainSet())) return 'webmail';
  return 'company';
}
