import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  fourSiteAlertRules,
  fourSiteDashboard,
  fourSiteRuleFileYaml,
  fourSiteRuleTestsYaml,
} from '@4site/monitor-business';
import {
  type AlertmanagerConfigOptions,
  type AlertRule,
  alertmanagerConfig,
  checkAlertRules,
  MonitorError,
  toYaml,
} from '@4site/monitor-core';

const HELP = `Usage: 4site-monitor <command> [options]

Commands:
  rules          Write Prometheus recording and alerting rules (and optionally promtool tests).
  alertmanager   Write an Alertmanager configuration with routes per severity.
  dashboard      Write a Grafana dashboard JSON.

Options:
  --out FILE            File to write. Default: rules.yml, alertmanager.yml or dashboard.json.
  --prefix NAME         Metric name prefix. Default: foursite.
  --rules-module FILE   ES module whose default export is an array of alert rules.
                        Default: the 4site default rules.
  --tests FILE          (rules) Also write promtool unit tests to FILE.
  --interval SECONDS    (rules) Evaluation interval of the rule groups. Default: Prometheus' global one.
  --config FILE         (alertmanager) JSON with channels, escalation and timings.
  --webhook-url URL     (alertmanager) Send every severity to one webhook instead of --config.
  --help                Print this help.
`;

const OPTIONS = {
  out: { type: 'string' },
  prefix: { type: 'string' },
  'rules-module': { type: 'string' },
  tests: { type: 'string' },
  interval: { type: 'string' },
  config: { type: 'string' },
  'webhook-url': { type: 'string' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

/** Runs the CLI with its arguments and returns the exit code. */
export async function runCli(
  args: readonly string[],
  write = (text: string) => process.stdout.write(text),
) {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: OPTIONS,
    allowPositionals: true,
  });
  const command = positionals[0];
  if (values.help || !command) {
    write(HELP);
    return command || values.help ? 0 : 2;
  }
  try {
    const out = await runCommand(command, values);
    write(`Wrote ${out.join(', ')}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MonitorError)) throw error;
    process.stderr.write(`4site-monitor: ${error.message}\n`);
    return 1;
  }
}

async function runCommand(command: string, values: Values): Promise<string[]> {
  const prefix = values.prefix ?? 'foursite';
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(prefix)) {
    throw new MonitorError(
      `Invalid --prefix "${prefix}": use letters, digits and underscores, not starting with a digit (for example foursite).`,
    );
  }
  switch (command) {
    case 'rules':
      return writeRules(await loadRules(values['rules-module'], prefix), values, prefix);
    case 'alertmanager':
      return [
        await writeOut(
          values.out ?? 'alertmanager.yml',
          toYaml(alertmanagerConfig(await loadConfig(values))),
        ),
      ];
    case 'dashboard': {
      const dashboard = fourSiteDashboard({ prefix });
      return [
        await writeOut(values.out ?? 'dashboard.json', `${JSON.stringify(dashboard, null, 2)}\n`),
      ];
    }
    default:
      throw new MonitorError(`Unknown command "${command}": use rules, alertmanager or dashboard.`);
  }
}

async function writeRules(
  rules: readonly AlertRule[],
  values: Values,
  prefix: string,
): Promise<string[]> {
  const interval = values.interval === undefined ? undefined : Number(values.interval);
  if (interval !== undefined && !(Number.isInteger(interval) && interval > 0)) {
    throw new MonitorError(
      `Invalid --interval "${values.interval}": use a whole number of seconds, such as 30.`,
    );
  }
  const out = values.out ?? 'rules.yml';
  const options = { prefix, ...(interval ? { intervalMillis: interval * 1000 } : {}) };
  const written = [await writeOut(out, fourSiteRuleFileYaml(rules, options))];
  if (values.tests) {
    // promtool resolves rule_files against the test file's folder, so the path is made absolute.
    written.push(await writeOut(values.tests, fourSiteRuleTestsYaml(rules, resolve(out))));
  }
  return written;
}

async function loadRules(
  module: string | undefined,
  prefix: string,
): Promise<readonly AlertRule[]> {
  if (!module) return fourSiteAlertRules({ prefix });
  const loaded = (await import(pathToFileURL(resolve(module)).href)) as { default?: unknown };
  if (!Array.isArray(loaded.default)) {
    throw new MonitorError(
      `--rules-module ${module} must export an array of alert rules as its default export.`,
    );
  }
  return checkAlertRules(loaded.default as AlertRule[]);
}

async function loadConfig(values: Values): Promise<AlertmanagerConfigOptions> {
  if (values['webhook-url']) {
    const ladder = [{ afterMillis: 0, channels: ['webhook'] }];
    return {
      channels: [{ kind: 'webhook', name: 'webhook', url: values['webhook-url'] }],
      escalation: { critical: ladder, warning: ladder, info: ladder },
    };
  }
  if (!values.config) {
    throw new MonitorError('The alertmanager command needs --config FILE or --webhook-url URL.');
  }
  try {
    return JSON.parse(await readFile(values.config, 'utf8')) as AlertmanagerConfigOptions;
  } catch (error) {
    throw new MonitorError(`Reading --config ${values.config} failed: ${(error as Error).message}`);
  }
}

async function writeOut(file: string, text: string): Promise<string> {
  await writeFile(file, text);
  return file;
}
