import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned } from '../lib/processes.mjs';

const SCRIPT = fileURLToPath(new URL('../servers/request-context.mjs', import.meta.url));

/** Measures the cost of the per-request context for error capture, in a child process on CPU 1. */
export function requestContextCost({ rounds, calls }) {
  const [command, args] = pinned(1, process.execPath, [SCRIPT]);
  // The DSN points at a closed port on 127.0.0.1; nothing is captured, so nothing is sent.
  const env = { ...process.env, ROUNDS: String(rounds), CALLS: String(Math.min(calls, 50_000)) };
  env.SENTRY_DSN = 'http://publickey@127.0.0.1:9/1';
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}
