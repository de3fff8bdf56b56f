import { createHmac } from 'node:crypto';
import { MonitorError } from '@4site/monitor-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type EmailDomainClass } from '../src';
import {
  classifyEmailDomain,
  createLeadScorer,
  hashEmail,
  type LeadInput,
  type LeadScorerOptions,
  scoreLead,
} from '../src/lead-scoring';

const emailCases: [string | null | undefined, EmailDomainClass][] = [
  ['ann@gmail.com', 'webmail'],
  [' Ann@GMail.COM ', 'webmail'],
  ['ann@gmail.com.', 'webmail'],
  ['ann@proton.me', 'webmail'],
  ['x@mailinator.com', 'disposable'],
  ['x@inbox.mailinator.com', 'disposable'],
  ['x@YopMail.com', 'disposable'],
  ['ann@acme.io', 'company'],
  ['ann@mail.acme.io', 'company'],
  ['ann@bücher.de', 'company'],
  ['', 'missing'],
  ['   ', 'missing'],
  [null, 'missing'],
  [undefined, 'missing'],
  [42 as never, 'missing'],
  ['ann', 'invalid'],
  ['@gmail.com', 'invalid'],
  ['ann@', 'invalid'],
  ['ann@gmail', 'invalid'],
  ['ann@gmail..com', 'invalid'],
  ['ann@-acme.io', 'invalid'],
  ['ann@127.0.0.1', 'invalid'],
  ['ann@[127.0.0.1]', 'invalid'],
  ['ann@gmail.com/x', 'invalid'],
  ['an n@gmail.com', 'invalid'],
  [`${'a'.repeat(65)}@acme.io`, 'invalid'],
];

describe('classifyEmailDomain', () => {
  it.each(emailCases)('classifies %j as %s', (email, domainClass) => {
    expect(classifyEmailDomain(email)).toBe(domainClass);
  });
});

// Each row: a case, the lead, the expected score and the points of each signal in order:
// source, emailDomain, pagesViewed, siteGenerated, shared, formCompleteness.
const scoreCases: [string, LeadInput, number, number[]][] = [
  [
    'best lead',
    {
      email: 'ann@acme.io',
      source: 'referral',
      pagesViewed: 5,
      siteGenerated: true,
      shared: true,
      form: { filledFields: 4, totalFields: 4 },
    },
    100,
    [20, 30, 10, 20, 10, 10],
  ],
  ['bare paid lead', { source: 'paid' }, 8, [8, 0, 0, 0, 0, 0]],
  [
    'webmail lead',
    {
      email: 'ann@gmail.com',
      source: 'organic',
      pagesViewed: 2,
      siteGenerated: true,
      form: { filledFields: 3, totalFields: 4 },
    },
    60,
    [16, 12, 4, 20, 0, 7.5],
  ],
  [
    'disposable lead',
    {
      email: 'x@mailinator.com',
      source: 'referral',
      pagesViewed: 40,
      shared: true,
      form: { filledFields: 0, totalFields: 5 },
    },
    40,
    [20, 0, 10, 0, 10, 0],
  ],
  ['invalid e-mail', { email: 'ann', source: 'direct', pagesViewed: 1 }, 14, [12, 0, 2, 0, 0, 0]],
  [
    'unreadable numbers',
    {
      source: 'email',
      pagesViewed: Number.NaN,
      form: { filledFields: 9, totalFields: 3 },
    },
    24,
    [14, 0, 0, 0, 0, 10],
  ],
  ['negative pages', { source: 'social', pagesViewed: -3 }, 10, [10, 0, 0, 0, 0, 0]],
];

describe('scoreLead', () => {
  it.each(scoreCases)('scores a %s', (_case, input, score, points) => {
    const result = scoreLead(input);

    expect(result.score).toBe(score);
    result.contributions.forEach((contribution, index) => {
      expect(contribution.points, contribution.signal).toBeCloseTo(points[index] ?? Number.NaN, 9);
    });
  });

  it('explains each signal', () => {
    const result = scoreLead({ email: 'ann@gmail.com', source: 'organic', pagesViewed: 2 });

    expect(result.domainClass).toBe('webmail');
    expect(result.contributions.map((part) => [part.signal, part.value, part.factor])).toEqual([
      ['source', 'organic', 0.8],
      ['emailDomain', 'webmail', 0.4],
      ['pagesViewed', 2, 0.4],
      ['siteGenerated', false, 0],
      ['shared', false, 0],
      ['formCompleteness', 0, 0],
    ]);
  });

  it('keeps no part of the e-mail', () => {
    const result = scoreLead({ email: 'ann.lee@acme-robotics.io', source: 'direct' });
    const text = JSON.stringify(result);

    expect(text).not.toContain('ann.lee');
    expect(text).not.toContain('acme-robotics');
  });

  it('returns the same result for the same lead', () => {
    const lead: LeadInput = { email: 'ann@acme.io', source: 'organic', pagesViewed: 3 };

    expect(scoreLead(lead)).toEqual(scoreLead(lead));
  });

  it('ignores a source outside the channels', () => {
    const result = scoreLead({ source: 'tiktok' as never });

    expect(result.contributions[0]).toMatchObject({ value: null, points: 0 });
  });
});

describe('createLeadScorer', () => {
  it('scales custom weights to 100 points', () => {
    const scorer = createLeadScorer({ weights: { emailDomain: 0, shared: 0 } });

    const result = scorer.score({ source: 'referral', email: 'ann@acme.io' });
    const maxPoints = result.contributions.map((part) => part.maxPoints);

    expect(maxPoints.reduce((sum, points) => sum + points, 0)).toBeCloseTo(100, 9);
    expect(result.contributions[0]?.maxPoints).toBeCloseTo(100 / 3, 9);
    expect(result.contributions[1]?.points).toBe(0);
    expect(result.score).toBe(33);
  });

  it('applies custom factors', () => {
    const scorer = createLeadScorer({
      sourceFactors: { paid: 1 },
      domainFactors: { webmail: 1 },
      fullCreditPages: 10,
    });

    const result = scorer.score({ source: 'paid', email: 'ann@gmail.com', pagesViewed: 5 });

    expect(result.score).toBe(55);
  });

  it.each<[LeadScorerOptions, RegExp]>([
    [{ weights: { source: -1 } }, /Invalid weight -1 for "source"/],
    [{ weights: { shared: Number.NaN } }, /Invalid weight NaN for "shared"/],
    [
      {
        weights: {
          source: 0,
          emailDomain: 0,
          pagesViewed: 0,
          siteGenerated: 0,
          shared: 0,
          formCompleteness: 0,
        },
      },
      /Every lead weight is 0/,
    ],
    [{ sourceFactors: { paid: 1.5 } }, /Invalid factor 1.5 for "paid"/],
    [{ domainFactors: { webmail: -0.1 } }, /Invalid factor -0.1 for "webmail"/],
    [{ fullCreditPages: 0 }, /Invalid fullCreditPages 0/],
    [{ fullCreditPages: 2.5 }, /Invalid fullCreditPages 2.5/],
  ])('rejects the options %o', (options, message) => {
    expect(() => createLeadScorer(options)).toThrow(MonitorError);
    expect(() => createLeadScorer(options)).toThrow(message);
  });

  it('keeps every score a whole number from 0 to 100', () => {
    const weight = fc.double({ min: 0, max: 1000, noNaN: true });
    const lead = fc.record({
      email: fc.option(fc.oneof(fc.emailAddress(), fc.string())),
      source: fc.constantFrom(...CHANNELS),
      pagesViewed: fc.option(fc.double()),
      siteGenerated: fc.option(fc.boolean()),
      shared: fc.option(fc.boolean()),
      form: fc.option(fc.record({ filledFields: fc.double(), totalFields: fc.double() })),
    });
    fc.assert(
      fc.property(lead, fc.tuple(weight, weight, weight), (input, [source, email, pages]) => {
        const weights = { source: source + 1, emailDomain: email, pagesViewed: pages };
        const result = createLeadScorer({ weights }).score(input as LeadInput);
        const total = result.contributions.reduce((sum, part) => sum + part.points, 0);

        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(Math.abs(result.score - total)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });
});

describe('scoreLead on any input', () => {
  it('scores anything without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = scoreLead(input as LeadInput);

        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('hashEmail', () => {
  const salt = 'a-salt-of-24-characters!';

  it('computes HMAC-SHA-256 of the normalised address', async () => {
    const expected = createHmac('sha256', salt).update('ann@acme.io').digest('hex');

    await expect(hashEmail(' Ann@ACME.io ', salt)).resolves.toBe(expected);
  });

  it('gives another hash with another salt', async () => {
    const first = await hashEmail('ann@acme.io', salt);
    const second = await hashEmail('ann@acme.io', `${salt}2`);

    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
  });

  it('returns null for an invalid address', async () => {
    await expect(hashEmail('not-an-email', salt)).resolves.toBeNull();
  });

  it('rejects a short salt', async () => {
    await expect(hashEmail('ann@acme.io', 'short')).rejects.toThrow(MonitorError);
    await expect(hashEmail('ann@acme.io', 'short')).rejects.toThrow(/at least 16 characters/);
  });
});
