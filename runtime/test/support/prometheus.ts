/**
 * A real Prometheus server (Debian `prometheus`, installed when missing) scraping one target on loopback
 * twice: job `openmetrics` with Prometheus' default Accept header, job `text` forced to the text format with
 * `?format=text`. Values (and, with the `exemplar-storage` feature, exemplars) are read back through the
 * HTTP query API with bounded polling.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAptPackages, freePort, startChild, stopChild, waitFor } from '../helpers';
import type { Child } from '../helpers';

/** One series' exemplars from `query_exemplars`. */
export interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

/** Options of {@link PrometheusHarness.start}. */
export interface PrometheusOptions {
  /** `--enable-feature` values, e.g. `exemplar-storage`. */
  readonly features?: readonly string[];
}

/** One sample of an instant query. */
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

export class PrometheusHarness {
  private server: Child | undefined;
  private dir = '';
  private api = '';

  /** Installs Prometheus when missing and starts it scraping `target` (host:port) every second. */
  async start(target: string, options: PrometheusOptions = {}): Promise<void> {
    await ensureAptPackages(['prometheus']);
    this.dir = mkdtempSync(join(tmpdir(), 'statscope-prometheus-'));
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: openmetrics',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '  - job_name: text',
      '    params: { format: [text] }',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ];
    writeFileSync(join(this.dir, 'prometheus.yml'), config.join('\n'));
    const webPort = await freePort();
    this.api = `http://127.0.0.1:${webPort}`;
    const flags = [`--config.file=${join(this.dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(this.dir, 'data')}`, `--web.listen-address=127.0.0.1:${webPort}`, '--log.level=warn'];
    for (const feature of options.features ?? []) flags.push(`--enable-feature=${feature}`);
    const server = startChild('prometheus', flags);
    this.server = server;
    await waitFor('Prometheus to be ready', async () => {
      if (server.process.exitCode !== null) throw new Error(`prometheus exited: ${server.stderr}`);
      const res = await fetch(`${this.api}/-/ready`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    }, 60_000, 200);
  }

  /** An instant query. */
  async query(promql: string): Promise<Sample[]> {
    const res = await fetch(`${this.api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; data?: { result?: Sample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? 'query failed'}`);
    return body.data?.result ?? [];
  }

  /** The exemplars stored for `promql` between `startS` and `endS` (seconds); needs `exemplar-storage`. */
  async exemplars(promql: string, startS: number, endS: number): Promise<ExemplarSeries[]> {
    const res = await fetch(`${this.api}/api/v1/query_exemplars?query=${encodeURIComponent(promql)}&start=${startS}&end=${endS}`);
    const body = (await res.json()) as { status: string; data?: ExemplarSeries[]; error?: string };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? 'query_exemplars failed'}`);
    return body.data ?? [];
  }

  /** Polls until `promql` returns exactly `count` samples. */
  samples(promql: string, count: number): Promise<Sample[]> {
    return waitFor(`${count} samples of ${promql}`, async () => {
      const r = await this.query(promql);
      return r.length === count ? r : undefined;
    }, 60_000, 250);
  }

  async stop(): Promise<void> {
    await stopChild(this.server);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
