import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeMonitor, monitorPool, startProbes } from '../src';
import { type Postgres, startPostgres } from './support/postgres';

let postgres: Postgres;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
});

const newMonitor = () => createNodeMonitor({ prometheus: { defaultMetrics: false } });

describe('monitorPool', () => {
  it('times queries by operation, never by SQL text', async () => {
    const monitor = newMonitor();
    const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    const db = monitorPool(monitor, pool);

    const result = await db.query('sites.count', 'SELECT $1::int + 1 AS n', [41]);
    await db.query('sites.sleep', 'SELECT pg_sleep(0.05)');
    await expect(db.query('sites.broken', 'SELECT * FROM no_such_table')).rejects.toThrow(
      /no_such_table/,
    );
    await db.healthCheck();
    await pool.end();
    const text = await monitor.registry.metrics();

    expect(result.rows[0]?.n).toBe(42);
    expect(text).toContain('foursite_db_query_duration_seconds_count{operation="sites.count"} 1');
    expect(text).toMatch(
      /foursite_db_query_duration_seconds_bucket\{le="0.01",operation="sites.sleep"\} 0/,
    );
    expect(text).toMatch(
      /foursite_db_query_duration_seconds_bucket\{le="0.1",operation="sites.sleep"\} 1/,
    );
    expect(text).toContain('foursite_db_query_errors_total{operation="sites.broken"} 1');
    expect(text).not.toMatch(/SELECT|no_such_table/);
  });

  it('fails its health check when the database is down', async () => {
    const monitor = newMonitor();
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:9/postgres' });

    await expect(monitorPool(monitor, pool).healthCheck()).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await pool.end();
  });
});

describe('startProbes', () => {
  it('measures certificate expiry and DNS resolution', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'foursite-tls-'));
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '10',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const server = createServer(
      { key: await readFile(key), cert: await readFile(cert) },
      (socket) => socket.end(),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const monitor = newMonitor();

    const probes = startProbes(monitor, {
      tls: [
        { host: '127.0.0.1', port, servername: 'localhost' },
        { host: '127.0.0.1', port: 9 },
      ],
      dns: ['localhost'],
      timeoutMillis: 2000,
    });
    await probes.run();
    const expiry = await monitor.registry
      .getSingleMetric('foursite_tls_certificate_expiry_seconds')
      ?.get();
    const text = await monitor.registry.metrics();
    await monitor.close();
    server.close();
    await rm(folder, { recursive: true, force: true });

    const seconds =
      expiry?.values.find((sample) => sample.labels.host === `127.0.0.1:${port}`)?.value ?? 0;
    expect(Math.abs(seconds - 10 * 86_400)).toBeLessThan(3600);
    expect(text).toContain(`foursite_probe_success{probe="tls",target="127.0.0.1:${port}"} 1`);
    expect(text).toContain('foursite_probe_success{probe="tls",target="127.0.0.1:9"} 0');
    expect(text).toContain('foursite_probe_success{probe="dns",target="localhost"} 1');
    expect(text).toMatch(/foursite_dns_lookup_duration_seconds\{host="localhost"\} \d/);
  });
});
