import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FourSiteMonitor } from '@4site/monitor-business';
import { trackReferral, trackSiteGenerated } from '@4site/monitor-business';
import type { ExampleConfig } from './config';

/** A generated site, as the example keeps it in memory. */
export interface Site {
  id: string;
  repoUrl: string;
  referralCode: string;
  /** Anonymous id of the visitor who generated it, so self-referrals are not counted. */
  ownerVisitorId: string;
  createdAt: number;
}

const MAX_SITES = 1000;
const GITHUB_REPO = /^https:\/\/github\.com\/[\w.-]{1,39}\/[\w.-]{1,100}\/?$/;
const REFERRAL_CODE = /^[a-z0-9]{8}$/;

/** Stores generated sites and turns generations into business events. */
export function createSiteService(monitor: FourSiteMonitor, config: ExampleConfig) {
  // Oldest sites are forgotten first, so the example's memory stays bounded.
  const sites = new Map<string, Site>();
  const byReferralCode = new Map<string, Site>();

  const remember = (site: Site): void => {
    sites.set(site.id, site);
    byReferralCode.set(site.referralCode, site);
    if (sites.size <= MAX_SITES) return;
    const oldest = sites.values().next().value as Site;
    sites.delete(oldest.id);
    byReferralCode.delete(oldest.referralCode);
  };

  /** Simulates AI generation; resolves to the site, or to null when the simulated AI fails. */
  const generate = async (repoUrl: string, ref: string | undefined, visitorId: string) => {
    const started = performance.now();
    const [low, high] = config.generationDelayMillis;
    await sleep(low + Math.random() * (high - low));
    const generationId = randomUUID();
    const durationSeconds = (performance.now() - started) / 1000;
    if (Math.random() < config.generationFailureRate) {
      trackSiteGenerated(monitor, { generationId, outcome: 'failure', durationSeconds });
      return null;
    }
    const site: Site = {
      id: generationId,
      repoUrl,
      referralCode: newReferralCode(),
      ownerVisitorId: visitorId,
      createdAt: Date.now(),
    };
    remember(site);
    trackSiteGenerated(monitor, { generationId, outcome: 'success', durationSeconds });
    const referrer = ref ? byReferralCode.get(ref) : undefined;
    if (ref && referrer && referrer.ownerVisitorId !== visitorId) {
      // One conversion per visitor and link, however often that visitor generates again.
      const referralId = createHash('sha256').update(`${ref}:${visitorId}`).digest('hex');
      trackReferral(monitor, { referralId });
    }
    return site;
  };

  return { generate, find: (id: string) => sites.get(id), isRepoUrl, isReferralCode };
}

function newReferralCode(): string {
  return randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 8);
}

function isRepoUrl(value: unknown): value is string {
  return typeof value === 'string' && GITHUB_REPO.test(value);
}

function isReferralCode(value: unknown): value is string {
  return typeof value === 'string' && REFERRAL_CODE.test(value);
}
