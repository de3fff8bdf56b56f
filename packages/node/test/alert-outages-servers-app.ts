// Starts one fault server per channel kind, all broken in the mode given as argument, in a
// process of its own, so their work does not share the event loop of the app under test. It
// prints the servers' addresses as one JSON line, and their connection counts on SIGTERM.
import { CHANNEL_KINDS, startFault } from './alert-outages-setup';
import type { FaultMode } from './support/alert-fault-servers';

const mode = process.argv[2] as FaultMode;
const servers = await Promise.all(CHANNEL_KINDS.map((kind) => startFault(kind, mode)));
process.stdout.write(
  `${JSON.stringify(servers.map((server) => ({ url: server.url, port: server.port })))}\n`,
);
process.on('SIGTERM', async () => {
  const connections = servers.reduce((sum, server) => sum + server.connections(), 0);
  process.stdout.write(`${JSON.stringify({ connections })}\n`);
  await Promise.all(servers.map((server) => server.close()));
  process.exit(0);
});
