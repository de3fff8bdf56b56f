#!/usr/bin/env node
// Loads the built CLI. This file exists before any build, so package managers link the command
// at install time, also in this repository, where dist/ is built after the install.
import('../dist/cli.js').catch((error) => {
  process.stderr.write(`4site-monitor: loading the CLI failed: ${error.message}\n`);
  process.stderr.write('In this repository, build it first with `pnpm build`.\n');
  process.exitCode = 1;
});
