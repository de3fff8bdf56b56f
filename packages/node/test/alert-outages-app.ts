// Fires three alerts into one broken channel, then closes the monitor (or waits for SIGTERM)
// and lets the process end by itself, without process.exit(). The test measures the time from "closing" to the exit.
import { closeOnSignal, createAlerting } from '../src';
import { type ChannelKind, channelFor, probeMonitor, probeRules } from './alert-outages-setup';

const kind = process.env.ALERT_KIND as ChannelKind;
const trigger = process.env.CLOSE_HOW === 'signal' ? 'signal' : 'close';
const flushMillis = Number(process.env.FLUSH_MILLIS);
const server = { url: process.env.ALERT_URL ?? '', port: Number(process.env.ALERT_PORT) };
// Long attempts, retries and waits: only close() can end these deliveries in time.
const delivery = { timeoutMillis: 60_000, retries: 10, backoffMillis: 60_000 };

const { monitor, setProbes } = probeMonitor();
setProbes(3, 1);
const alerting = createAlerting(monitor, {
  start: false,
  rules: probeRules(3),
  groupBy: ['alertname'],
  channels: [channelFor(kind, server, delivery)],
});
void alerting.evaluate();

const poll = setInterval(async () => {
  if (alerting.notifier.stats().inFlight < 3) return;
  clearInterval(poll);
  if (trigger === 'signal') {
    closeOnSignal(monitor, { timeoutMillis: flushMillis });
    // The app handles SIGTERM too, as one that stops its own server does, so closeOnSignal()
    // does not raise the signal again: the process must end because nothing keeps it alive.
    process.on('SIGTERM', () => process.stdout.write('app stopping\n'));
    process.stdout.write('closing\n');
    return;
  }
  process.stdout.write('closing\n');
  const drained = await monitor.close(flushMillis);
  process.stdout.write(`closed ${drained}\n`);
}, 20);
