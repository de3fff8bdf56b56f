import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './support/bundle';
import { QUIET_DD_TRACE_ENV, startTraceAgent, type TraceAgent } from './support/datadog-agent';
import { runNode } from './support/run-node';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', `${name}.ts`);
let agent: TraceAgent;

beforeAll(async () => {
  agent = await startTraceAgent();
});

afterAll(async () => {
  await agent.close();
});

describe('optional vendors', () => {
  it('loads no vendor code when none is configured', async () => {
    const script = await bundleFixture(fixture('vendor-loading'));

    const none = await runNode([script]);
    const both = await runNode([script, 'sentry', 'datadog'], QUIET_DD_TRACE_ENV);
    const bundle = await readFile(script, 'utf8');

    expect(JSON.parse(none.stdout)).toEqual([]);
    expect(JSON.parse(both.stdout)).toEqual(expect.arrayContaining(['@sentry/node', 'dd-trace']));
    expect(bundle).not.toMatch(
      /from\s*["'](@sentry\/node|dd-trace)["']|import\(["'](@sentry|dd-trace)/,
    );
  }, 30_000);
});

describe('preload', () => {
  it('warns once, naming the flag, when Express loaded first', async () => {
    const app = await bundleFixture(fixture('preload-app'));

    const run = await runNode([app], { ...QUIET_DD_TRACE_ENV, DD_TRACE_AGENT_URL: agent.url });

    expect(run.stderr.match(/--import @4site\/monitor-node\/register/g)).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ preloaded: false });
  }, 30_000);

  it.each(['esm', 'cjs'] as const)(
    'instruments Express in a %s app',
    async (format) => {
      const register = await bundleFixture(join(import.meta.dirname, '..', 'src', 'register.ts'));
      const app = await bundleFixture(fixture('preload-app'), format);
      agent.spans.length = 0;

      const run = await runNode(['--import', register, app], {
        ...QUIET_DD_TRACE_ENV,
        DD_TRACE_AGENT_URL: agent.url,
      });

      expect(run.stderr).not.toContain('--import @4site/monitor-node/register');
      expect(JSON.parse(run.stdout)).toEqual({ preloaded: true });
      expect(agent.spans.map((span) => span.resource)).toContain('GET /sites/:id');
    },
    30_000,
  );
});

describe('closeOnSignal', () => {
  it('closes the monitor on SIGTERM, then ends the process', async () => {
    const script = await bundleFixture(fixture('shutdown-app'));

    const run = await runNode([script], {}, (out, kill) => {
      if (out === 'ready\n') kill('SIGTERM');
    });

    expect(run.stdout).toBe('ready\nclosed\n');
    expect(run.signal).toBe('SIGTERM');
  }, 30_000);
});
