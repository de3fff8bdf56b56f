import { execFile, execFileSync } from 'node:child_process';
import { pinned } from './processes.mjs';

let available;

/** Returns whether Debian's `wrk` is installed. Without it, the express suite uses autocannon. */
export function hasWrk() {
  if (available === undefined) {
    try {
      execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Runs wrk on CPU 0 against a URL and returns requests per second and the p50 and p99 latency in
 * ms. wrk is written in C, so it takes less of the shared CPU than a Node load generator, and it
 * reports latency in microseconds, fine enough to resolve a 0.2 ms difference at p99.
 */
export function loadWithWrk(url, { seconds, connections = 50 }) {
  const [command, args] = pinned(0, 'wrk', [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    url,
  ]);
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      try {
        resolve(parseWrk(url, stdout));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}

const UNIT_MILLIS = { us: 0.001, ms: 1, s: 1000 };

/** Reads the summary that `wrk --latency` prints. */
export function parseWrk(url, text) {
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(text);
  if (errors) throw new Error(`${url}: ${errors[0]}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const percentile = (name) => {
    const match = new RegExp(`^\\s*${name}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
    if (!match) throw new Error(`${url}: wrk printed no ${name}% latency:\n${text}`);
    return Number(match[1]) * UNIT_MILLIS[match[2]];
  };
  const total = /(\d+) requests in/.exec(text);
  if (!rate || !total) throw new Error(`${url}: wrk printed no request rate:\n${text}`);
  return {
    requestsPerSecond: Number(rate[1]),
    requests: Number(total[1]),
    p50: percentile('50'),
    p99: percentile('99'),
  };
}
