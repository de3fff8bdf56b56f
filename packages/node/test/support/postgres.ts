import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A PostgreSQL cluster started for one test file, on 127.0.0.1 in a temporary folder. */
export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

/** Finds the folder of Debian's PostgreSQL binaries, which are not on PATH. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions
    .map((version) => join(root, version, 'bin'))
    .find((d) => existsSync(join(d, 'initdb')));
  if (!dir) throw new Error('PostgreSQL not found: run `apt-get install -y postgresql`.');
  return dir;
}

// PostgreSQL refuses to run as root, so as root it runs as Debian's `postgres` user.
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs initdb into a temporary folder and starts `postgres` on a free port. */
export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const folder = await mkdtemp(join(tmpdir(), 'foursite-pg-'));
  await chmod(folder, 0o700);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', folder]);
  const data = join(folder, 'data');
  const [initdb, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [postgres, args] = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    folder,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-F',
  ]);
  const child = spawn(postgres, args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const [isReady, readyArgs] = asServerUser(join(bin, 'pg_isready'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
  ]);
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      execFileSync(isReady, readyArgs, { stdio: 'ignore' });
      break;
    } catch {
      await sleep(100);
    }
  }
  return {
    url,
    async stop() {
      const [pgCtl, stopArgs] = asServerUser(join(bin, 'pg_ctl'), [
        'stop',
        '-D',
        data,
        '-m',
        'immediate',
        '-s',
      ]);
      try {
        execFileSync(pgCtl, stopArgs, { stdio: 'ignore' });
      } catch {
        child.kill('SIGKILL');
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}
