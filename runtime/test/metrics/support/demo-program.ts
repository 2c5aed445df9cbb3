/**
 * A small program for the real-Prometheus test: declares the reference struct in the global registry,
 * serves /metrics on loopback (port from argv, 0 = free) and prints `{"url": ...}` once listening.
 * It keeps updating a heartbeat gauge so the scrape sees a live process. Exits on SIGTERM.
 */
import { defineStats, gauge, startMetricsServer } from '../../../src/index';
import { recordReference } from './reference';

async function main(): Promise<void> {
  recordReference(undefined);
  const demo = defineStats('demo', { heartbeat: gauge({ description: 'Seconds since the demo started' }) });
  const started = Date.now();
  setInterval(() => demo.heartbeat.set((Date.now() - started) / 1000), 100);
  const server = await startMetricsServer({ port: Number(process.argv[2] ?? 0), keepAlive: true });
  if (!server.listening) {
    process.stderr.write(`${server.error?.message ?? 'not listening'}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0)); // close() never rejects
  });
}

void main(); // main() catches nothing because nothing in it can reject: startMetricsServer always resolves
