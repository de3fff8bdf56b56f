import { spawn } from 'node:child_process';

/** The outcome of a fixture run in its own Node process. */
export interface ChildRun {
  /** Each stdout line parsed as JSON. */
  lines: Record<string, unknown>[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the line that matched `lastLine` to the exit; null without that line. */
  exitMillis: number | null;
  /** Whether the run was killed after `killAfterMillis`. */
  killed: boolean;
}

/**
 * Runs a bundled fixture with `node --expose-gc` and resolves when it exits on its own, or kills
 * it with SIGKILL after `killAfterMillis`, so no child outlives its test.
 */
export function runFixture(
  script: string,
  options: {
    env?: NodeJS.ProcessEnv;
    killAfterMillis: number;
    lastLine: (line: object) => boolean;
  },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let pending = '';
    let stderr = '';
    let lastLineAt: number | null = null;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.killAfterMillis);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const text of complete) {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        if (options.lastLine(line)) lastLineAt = performance.now();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const exitMillis = lastLineAt === null ? null : performance.now() - lastLineAt;
      resolve({ lines, stderr, code, signal, exitMillis, killed });
    });
  });
}
