// Runs the whole test suite on a fresh clone: installs what is missing, builds every package,
// then runs lint, type checks, unit tests, the browser end-to-end tests and the packed-install test.
import {
  checkNode,
  ensurePnpm,
  ensureSystemPackages,
  installWorkspace,
  run,
} from './toolchain.mjs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

checkNode();
ensurePnpm();
ensureSystemPackages([
  'chromium',
  'prometheus',
  'promtool',
  'prometheus-alertmanager',
  'amtool',
  'pg_ctlcluster',
  'wrk',
]);
installWorkspace();

const suites = [
  // Two tasks at a time on the 2-core machines, because many tests start real servers.
  [
    'build, lint, types and unit tests',
    ['turbo', 'run', 'build', 'lint', 'typecheck', 'test', '--concurrency=2'],
  ],
  ['formatting and lint of the whole repository', ['biome', 'ci', '.']],
  [
    'soak of one million events and 10000 scrapes, with leak checks',
    ['--filter', '@4site/monitor-express', 'run', 'test:soak'],
  ],
  ['end-to-end tests in Chromium with Prometheus', ['run', 'test:e2e']],
  [
    'size budgets of the browser entries',
    ['--filter', '@4site/monitor-browser', '--filter', '@4site/monitor-react', 'run', 'size'],
  ],
  ['install of the packed tarballs', ['run', 'test:pack']],
  ['benchmark smoke run (numbers are not checked)', ['run', 'bench:smoke']],
];
for (const [name, args] of suites) {
  console.log(`\n== ${name}`);
  run('pnpm', args, { env });
}
console.log(`\nsuites: ${suites.length} passed, 0 failed`);
