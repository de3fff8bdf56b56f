import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = ['browser', 'react'];

/** Runs each browser package's size-limit budgets and returns sizes in bytes (brotli). */
export function sizeLimit() {
  const rows = [];
  for (const name of PACKAGES) {
    const output = execFileSync('pnpm', ['exec', 'size-limit', '--json'], {
      cwd: join(ROOT, 'packages', name),
      encoding: 'utf8',
    });
    for (const entry of JSON.parse(output))
      rows.push({ package: `@4site/monitor-${name}`, ...entry });
  }
  return rows;
}
