import { once } from 'node:events';
import { createServer } from 'node:http';

/** Starts an HTTP server on 127.0.0.1 that reads and accepts every request, as a vendor intake. */
export async function startSinkServer() {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
