import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

let hasTaskset;

/** Returns the command and arguments that pin a process to one CPU when taskset exists. */
export function pinned(cpu, command, args) {
  hasTaskset ??= commandExists('taskset');
  return hasTaskset ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
}

/** Pins the current process to one CPU, so a load generator and a server do not share one. */
export function pinSelf(cpu) {
  hasTaskset ??= commandExists('taskset');
  if (hasTaskset) execFileSync('taskset', ['-p', '-c', String(cpu), String(process.pid)]);
}

function commandExists(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a server script on one CPU and waits for the line `listening <port>` on its stdout.
 * Returns its URL, a way to send it IPC messages, and a function that stops it.
 */
export async function startServer(script, { env = {}, cpu = 1, nodeArgs = [] } = {}) {
  const [command, args] = pinned(cpu, process.execPath, [...nodeArgs, script]);
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code}`)));
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** CPU time the server used so far, in ms, from /proc; undefined where there is none. */
    cpuMillis: () => cpuMillis(child.pid),
    request(message) {
      child.send(message);
      return once(child, 'message').then(([reply]) => reply);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

let ticksPerSecond;

/**
 * Reads a process's user and system CPU time from /proc/PID/stat, in ms. CPU time per request
 * shows what a setup costs the server even when the load generator's share of the machine varies.
 */
function cpuMillis(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
