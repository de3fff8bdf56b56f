/** Settings of the example API, read from the command line and the environment. */
export interface ExampleConfig {
  port: number;
  host: string;
  simulate: boolean;
  /** Range of the simulated AI generation delay, in milliseconds. */
  generationDelayMillis: [number, number];
  /** Fraction of generations that fail, from 0 to 1. */
  generationFailureRate: number;
}

/** Reads `--simulate`, `--port N`, `PORT`, `HOST`, `GENERATION_DELAY_MS` and `GENERATION_FAILURE_RATE`. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ExampleConfig {
  const portFlag = argv.indexOf('--port');
  const portText = portFlag >= 0 ? argv[portFlag + 1] : (env.PORT ?? '3333');
  const port = Number(portText);
  if (!portText?.trim() || !Number.isInteger(port) || port < 0 || port > 65535) {
    const source = portFlag >= 0 ? '--port' : 'PORT';
    throw new Error(`Invalid ${source} "${portText ?? ''}": use a number from 0 to 65535.`);
  }
  const failureRate = Number(env.GENERATION_FAILURE_RATE ?? 0.05);
  if (!(failureRate >= 0 && failureRate <= 1)) {
    throw new Error(
      `Invalid GENERATION_FAILURE_RATE "${env.GENERATION_FAILURE_RATE}": use a fraction from 0 to 1.`,
    );
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    simulate: argv.includes('--simulate'),
    generationDelayMillis: parseRange(env.GENERATION_DELAY_MS ?? '800-2500'),
    generationFailureRate: failureRate,
  };
}

function parseRange(text: string): [number, number] {
  const [low = Number.NaN, high = low] = text.split('-').map(Number);
  if (!(low >= 0) || !(high >= low)) {
    throw new Error(
      `Invalid GENERATION_DELAY_MS "${text}": use milliseconds such as 800 or 800-2500.`,
    );
  }
  return [low, high];
}
