import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs Debian's `promtool check metrics` on an exposition; returns its output, empty if clean. */
export async function promtoolCheck(text: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'foursite-promtool-'));
  const file = join(folder, 'metrics.txt');
  await writeFile(file, text);
  try {
    const result = await run('sh', ['-c', `promtool check metrics < "${file}"`]);
    return result.stdout + result.stderr;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
