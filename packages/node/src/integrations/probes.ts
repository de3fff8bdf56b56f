import { lookup } from 'node:dns/promises';
import { connect } from 'node:tls';
import type { Catalog } from '@4site/monitor-core';
import { Gauge } from 'prom-client';
import type { NodeMonitor } from '../init';
import { ensureMetric } from '../prometheus/ensure-metric';

/** A TLS endpoint whose certificate is watched. */
export interface TlsTarget {
  host: string;
  /** Default: 443. */
  port?: number;
  /** Name sent in SNI and checked on the certificate. Default: `host`. */
  servername?: string;
}

/** Options of `startProbes()`. */
export interface ProbeOptions {
  /** Endpoints whose certificate expiry is measured. Default: none. */
  tls?: readonly TlsTarget[];
  /** Host names that must resolve. Default: none. */
  dns?: readonly string[];
  /** Time between two runs, in milliseconds. Default: 300000 (5 minutes). */
  intervalMillis?: number;
  /** Time one probe may take, in milliseconds. Default: 5000. */
  timeoutMillis?: number;
}

/** Running probes. */
export interface Probes {
  /** Runs every probe now; resolves when all have finished. */
  run(): Promise<void>;
  stop(): void;
}

/**
 * Probes TLS certificates and DNS names on an interval: `<prefix>_tls_certificate_expiry_seconds
 * {host}` (seconds until the certificate's notAfter, negative once expired),
 * `<prefix>_dns_lookup_duration_seconds{host}` and `<prefix>_probe_success{probe,target}`.
 * Targets come from configuration only, so the labels stay bounded. Stops when the monitor closes.
 */
export function startProbes(monitor: NodeMonitor<Catalog>, options: ProbeOptions): Probes {
  const gauges = probeGauges(monitor);
  const timeoutMillis = options.timeoutMillis ?? 5000;
  const run = async () => {
    const tls = (options.tls ?? []).map(async (target) => {
      const name = targetName(target);
      const seconds = await certificateSecondsLeft(target, timeoutMillis).catch(() => undefined);
      if (seconds !== undefined) gauges.expiry.labels(name).set(seconds);
      gauges.success.labels('tls', name).set(seconds === undefined ? 0 : 1);
    });
    const dns = (options.dns ?? []).map(async (host) => {
      const started = performance.now();
      const ok = await withTimeout(lookup(host), timeoutMillis).then(
        () => true,
        () => false,
      );
      if (ok) gauges.lookup.labels(host).set((performance.now() - started) / 1000);
      gauges.success.labels('dns', host).set(ok ? 1 : 0);
    });
    await Promise.all([...tls, ...dns]);
  };
  const timer = setInterval(() => void run(), options.intervalMillis ?? 300_000);
  timer.unref();
  void run();
  const stop = () => clearInterval(timer);
  monitor.addSink({
    name: 'probes',
    async close() {
      stop();
      return true;
    },
  });
  return { run, stop };
}

function probeGauges(monitor: NodeMonitor<Catalog>) {
  const gauge = (suffix: string, help: string, labelNames: string[]) => {
    const name = `${monitor.prefix}_${suffix}`;
    return ensureMetric(
      monitor.registry,
      name,
      () => new Gauge({ name, help, labelNames, registers: [] }),
    );
  };
  return {
    expiry: gauge('tls_certificate_expiry_seconds', 'Seconds until the TLS certificate expires.', [
      'host',
    ]),
    lookup: gauge('dns_lookup_duration_seconds', 'Duration of the last DNS lookup.', ['host']),
    success: gauge('probe_success', 'Whether the last probe succeeded (1) or failed (0).', [
      'probe',
      'target',
    ]),
  };
}

function targetName(target: TlsTarget): string {
  return target.port && target.port !== 443 ? `${target.host}:${target.port}` : target.host;
}

/** Connects, reads the peer certificate's notAfter and returns the seconds left. */
function certificateSecondsLeft(target: TlsTarget, timeoutMillis: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const servername = target.servername ?? target.host;
    // The certificate is read, not trusted: an expired or self-signed one must still be measured.
    const socket = connect({
      host: target.host,
      port: target.port ?? 443,
      servername,
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMillis, () => socket.destroy(new Error('TLS probe timed out')));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const notAfter = Date.parse(socket.getPeerCertificate().valid_to);
      socket.end();
      if (Number.isNaN(notAfter)) reject(new Error('The certificate has no valid notAfter'));
      else resolve(Math.round((notAfter - Date.now()) / 1000));
    });
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMillis: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMillis);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
