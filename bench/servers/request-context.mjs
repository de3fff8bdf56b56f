// Times the per-request context of error capture in a process of its own, because Sentry.init()
// turns on async hooks for the whole process. Prints one JSON line with nanoseconds per request.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as Sentry from '@sentry/node';

const rounds = Number(process.env.ROUNDS ?? 3);
const calls = Number(process.env.CALLS ?? 50_000);
Sentry.init({ dsn: process.env.SENTRY_DSN, defaultIntegrations: false });
const storage = new AsyncLocalStorage();
// A request's own work: one awaited step, so the context is carried across a promise.
const handle = () => Promise.resolve(1).then((value) => value + 1);
const contenders = {
  'no context': (work) => work(),
  'AsyncLocalStorage.run() (the SDK)': (work) =>
    storage.run({ request: {}, crumbs: undefined }, work),
  'Sentry.withIsolationScope()': (work) => Sentry.withIsolationScope(() => work()),
};

async function nanosPerRequest(wrap) {
  const start = process.hrtime.bigint();
  for (let index = 0; index < calls; index++) await wrap(handle);
  return Number(process.hrtime.bigint() - start) / calls;
}

const names = Object.keys(contenders);
const samples = Object.fromEntries(names.map((name) => [name, { nanosPerRequest: [] }]));
for (const name of names) await nanosPerRequest(contenders[name]);
for (let round = 0; round < rounds; round++) {
  for (let index = 0; index < names.length; index++) {
    const name = names[(index + round) % names.length];
    samples[name].nanosPerRequest.push(await nanosPerRequest(contenders[name]));
  }
}
process.stdout.write(`${JSON.stringify({ contenders: names, samples })}\n`);
await Sentry.close(100);
