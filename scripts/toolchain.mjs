// Helpers shared by the start and test scripts. They use only Node's standard library, because
// they run on a fresh clone before anything is installed.
import { execFileSync, spawnSync } from 'node:child_process';

export const PNPM_VERSION = '10.34.9';
const SYSTEM_PACKAGES = {
  chromium: 'chromium',
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  amtool: 'prometheus-alertmanager',
  pg_ctlcluster: 'postgresql',
  wrk: 'wrk',
};

/** Runs a command with inherited output and exits the script when it fails. */
export function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(
      `\n${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}.`,
    );
    process.exit(result.status ?? 1);
  }
}

function output(command, args) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

/** Exits with a clear message when Node is older than the packages' engines field allows. */
export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.versions.node} is too old: install Node 20.19 or newer.`);
    process.exit(1);
  }
}

/** Installs the pinned pnpm with npm when it is missing or another version. */
export function ensurePnpm() {
  if (output('pnpm', ['--version']) === PNPM_VERSION) return;
  run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
}

/** Installs Chromium and Prometheus from Debian's packages when they are missing. */
export function ensureSystemPackages(commands) {
  const missing = commands.filter((command) => !output('sh', ['-c', `command -v ${command}`]));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((command) => SYSTEM_PACKAGES[command]))];
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !output('sh', ['-c', 'command -v apt-get'])) {
    console.error(
      `Missing ${missing.join(', ')}: install the Debian packages ${packages.join(' ')}.`,
    );
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...packages], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Installs the workspace exactly as the lockfile specifies. */
export function installWorkspace() {
  run('pnpm', ['install', '--frozen-lockfile'], { env: { ...process.env, CI: 'true' } });
}
