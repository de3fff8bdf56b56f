// Installs the packages as a user would: `pnpm pack` turns each built package into a tarball,
// then plain npm installs the six tarballs into a throwaway app outside the workspace, where
// the files of ./app are imported, required and type-checked.
//
// Build first with `pnpm -r --filter "./packages/*" build`. KEEP_PACK_APP=1 keeps the app folder
// for inspection and prints its path.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const fixtureDir = fileURLToPath(new URL('./app', import.meta.url));
const BUILD_COMMAND = 'pnpm -r --filter "./packages/*" build';

// Folders under packages/, each packed into one tarball.
const PACKAGE_DIRS = ['core', 'business', 'browser', 'react', 'node', 'express'];

// Third-party packages of the app, at the versions the packages are developed against.
const APP_DEPENDENCIES = {
  typescript: '5.9.3',
  '@types/node': '^20.19.0',
  express: '5.3.0',
  react: '19.3.1',
  '@types/react': '^19',
};

// Upper bounds per command, estimated with room to spare for a 2-core machine. On one such
// machine the whole suite took about 21 s with an empty npm cache, 17 s of it in tsc.
const PACK_TIMEOUT_MILLIS = 30_000;
const INSTALL_TIMEOUT_MILLIS = 240_000;
const TSC_TIMEOUT_MILLIS = 120_000;
const SCRIPT_TIMEOUT_MILLIS = 30_000;
const SUITE_TIMEOUT_MILLIS =
  PACK_TIMEOUT_MILLIS * PACKAGE_DIRS.length +
  INSTALL_TIMEOUT_MILLIS +
  TSC_TIMEOUT_MILLIS +
  2 * SCRIPT_TIMEOUT_MILLIS;

// biome-ignore lint/suspicious/noUndeclaredEnvVars: test:pack runs under node --test, not turbo.
const keepApp = process.env.KEEP_PACK_APP === '1';

/** Runs a command to completion and throws an error with its output unless it exits with 0. */
function run(command, args, { cwd, timeoutMillis }) {
  const commandLine = [command, ...args].join(' ');
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMillis,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `--- stdout\n${result.stdout ?? ''}\n--- stderr\n${result.stderr ?? ''}`;
  if (result.error?.code === 'ETIMEDOUT') {
    throw new Error(`\`${commandLine}\` in ${cwd} timed out after ${timeoutMillis} ms.\n${output}`);
  }
  if (result.error) {
    throw new Error(`\`${commandLine}\` in ${cwd} failed to start: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const exit = result.status === null ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`\`${commandLine}\` in ${cwd} failed with ${exit}.\n${output}`);
  }
  return result;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Collects the file paths that `main`, `module`, `types` and the exports map point to. */
function entryPoints(manifest) {
  const paths = new Set([manifest.main, manifest.module, manifest.types].filter(Boolean));
  const visit = (target) => {
    if (typeof target === 'string') {
      if (!target.endsWith('package.json')) paths.add(target);
    } else if (target && typeof target === 'object') {
      for (const value of Object.values(target)) visit(value);
    }
  };
  visit(manifest.exports);
  return [...paths];
}

/** Throws an error that names the build command when a package's built entry point is missing. */
function assertPackagesBuilt() {
  for (const dir of PACKAGE_DIRS) {
    const packageDir = join(repoRoot, 'packages', dir);
    for (const entry of entryPoints(readJson(join(packageDir, 'package.json')))) {
      const path = join(packageDir, entry);
      assert.ok(
        existsSync(path),
        `${relative(repoRoot, path)} is missing, so the packages are not built. ` +
          `Run \`${BUILD_COMMAND}\` in ${repoRoot} first.`,
      );
    }
  }
}

/** Packs one package with pnpm, which rewrites `workspace:` ranges, and returns the tarball path. */
function packPackage(dir, destination) {
  const packageDir = join(repoRoot, 'packages', dir);
  const { stdout } = run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
    timeoutMillis: PACK_TIMEOUT_MILLIS,
  });
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (error) {
    throw new Error(
      `\`pnpm pack --json\` in ${packageDir} printed invalid JSON: ${error.message}\n${stdout}`,
    );
  }
  assert.ok(existsSync(report.filename), `tarball ${report.filename} from packages/${dir}`);
  return { name: report.name, tarball: report.filename };
}

describe('packed packages in an npm app', { timeout: SUITE_TIMEOUT_MILLIS }, () => {
  let workDir;
  let appDir;
  let packageNames = [];

  before(() => {
    assertPackagesBuilt();

    // The real path, because tsc lists files by their real path.
    workDir = realpathSync(mkdtempSync(join(tmpdir(), '4site-pack-install-')));
    assert.ok(
      !workDir.startsWith(repoRoot + sep),
      `temporary folder ${workDir} is inside the workspace, whose node_modules Node would ` +
        'search too: set TMPDIR to a folder outside it.',
    );
    if (keepApp) console.log(`KEEP_PACK_APP=1: the app folder ${workDir}/app is kept`);

    const tarballDir = join(workDir, 'tarballs');
    mkdirSync(tarballDir);
    const packed = PACKAGE_DIRS.map((dir) => packPackage(dir, tarballDir));
    packageNames = packed.map(({ name }) => name);

    // The packed manifests depend on each other by version (0.0.0), which is not published, so
    // the overrides point every copy of a package, nested ones included, at its tarball.
    const tarballSpecs = Object.fromEntries(
      packed.map(({ name, tarball }) => [name, `file:${tarball}`]),
    );
    appDir = join(workDir, 'app');
    cpSync(fixtureDir, appDir, { recursive: true });
    const manifest = {
      name: 'pack-install-app',
      version: '0.0.0',
      private: true,
      type: 'module',
      dependencies: { ...tarballSpecs, ...APP_DEPENDENCIES },
      overrides: tarballSpecs,
    };
    writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    run('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: appDir,
      timeoutMillis: INSTALL_TIMEOUT_MILLIS,
    });
  });

  after(() => {
    if (!workDir) return;
    if (keepApp) {
      console.log(`KEEP_PACK_APP=1: kept ${workDir}/app. The tarballs are in ${workDir}/tarballs.`);
    } else {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test('manifests have no workspace ranges', () => {
    for (const name of packageNames) {
      const manifest = readJson(join(appDir, 'node_modules', name, 'package.json'));
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
          assert.ok(!range.startsWith('workspace:'), `${name} ${field}.${dependency} is ${range}`);
        }
      }
    }
  });

  test('each package installed once from its tarball', () => {
    // A second or registry-resolved copy would mean that an override did not reach a dependency.
    const lockfile = readJson(join(appDir, 'package-lock.json'));
    for (const name of packageNames) {
      const entries = Object.entries(lockfile.packages).filter(([path]) =>
        path.endsWith(`node_modules/${name}`),
      );
      assert.deepEqual(
        entries.map(([path]) => path),
        [`node_modules/${name}`],
        `package-lock.json paths of ${name}`,
      );
      const [, entry] = entries[0];
      assert.match(entry.resolved, /^file:/, `package-lock.json resolved of ${name}`);
    }
  });

  test('ESM import serves metrics from Express', () => {
    const { stdout } = run('node', ['esm-check.mjs'], {
      cwd: appDir,
      timeoutMillis: SCRIPT_TIMEOUT_MILLIS,
    });
    assert.match(stdout, /foursite_referrals_total 1/);
  });

  test('CJS require loads all six packages', () => {
    const { stdout } = run('node', ['cjs-check.cjs'], {
      cwd: appDir,
      timeoutMillis: SCRIPT_TIMEOUT_MILLIS,
    });
    assert.match(stdout, /required 6 packages/);
  });

  test('TypeScript checks ESM and CJS usage', () => {
    // `--no` keeps npx from downloading anything when the app's typescript is missing.
    const { stdout } = run('npx', ['--no', '--', 'tsc', '--noEmit', '-p', '.', '--listFiles'], {
      cwd: appDir,
      timeoutMillis: TSC_TIMEOUT_MILLIS,
    });
    // usage.ts resolves the `import` condition and usage.cts the `require` condition, so the
    // program contains both declaration files of every package.
    const programFiles = stdout.split('\n').map((line) => line.trim());
    for (const name of packageNames) {
      const packageDir = join(appDir, 'node_modules', name);
      const rootExport = readJson(join(packageDir, 'package.json')).exports['.'];
      for (const condition of ['import', 'require']) {
        const path = join(packageDir, rootExport[condition].types);
        assert.ok(programFiles.includes(path), `tsc program lacks ${relative(appDir, path)}`);
      }
    }
  });
});
