/**
 * The generated rules in the real servers (Debian's Prometheus and Alertmanager, installed when missing): Prometheus
 * scrapes a /metrics page, evaluates the rules `statscope generate prometheus-rules` wrote for a declared gauge
 * alert, and Alertmanager delivers the alert for the series over the threshold (and only that one) to a webhook.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFacts } from '../../../server/src/engine/extract-facts';
import { parseSource } from '../../../server/src/engine/parse';
import { generate } from '../../../server/src/generate/generate';
import { ensureDebianPackages } from '../../../server/src/generate/test-packages';

const SOURCE = `
import { defineStats, gauge } from 'statscope';
export const stats = defineStats('queue', { depth: gauge({ description: 'Jobs waiting', labels: ['queue'], alert: { above: 100, for: '1s', severity: 'page' } }) });
`;

const METRICS = '# HELP queue_depth Jobs waiting\n# TYPE queue_depth gauge\nqueue_depth{queue="long"} 150\nqueue_depth{queue="short"} 10\n';

interface Delivered {
  readonly alerts: { readonly status: string; readonly labels: Record<string, string>; readonly annotations: Record<string, string> }[];
}

/** Serves /metrics and records the webhook posts. */
async function target(): Promise<{ server: Server; port: number; posts: Delivered[] }> {
  const posts: Delivered[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST') posts.push(JSON.parse(body) as Delivered);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(req.method === 'GET' ? METRICS : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, posts };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('generated rules in a real Prometheus and Alertmanager', function () {
  this.timeout(180_000);
  const children: ChildProcess[] = [];
  let dir = '';
  let web: Awaited<ReturnType<typeof target>> | undefined;

  before(async () => {
    await ensureDebianPackages(['prometheus', 'prometheus-alertmanager']);
    dir = mkdtempSync(join(tmpdir(), 'statscope-alerts-'));
  });

  after(async () => {
    for (const child of children) child.kill('SIGTERM');
    if (web) await new Promise<void>((resolve) => web?.server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the declared gauge alert for the series above its threshold', async () => {
    web = await target();
    const rules = generate('prometheus-rules', [extractFacts(parseSource('/w/queue.ts', SOURCE))]);
    writeFileSync(join(dir, 'rules.yaml'), rules.text);
    const [amPort, promPort] = [await freePort(), await freePort()];
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      `route: { receiver: hook, group_wait: 1s, group_interval: 1s, group_by: [alertname] }\nreceivers: [{ name: hook, webhook_configs: [{ url: 'http://127.0.0.1:${web.port}/alerts' }] }]\n`,
    );
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${join(dir, 'rules.yaml')}']`,
        `alerting: { alertmanagers: [{ static_configs: [{ targets: ['127.0.0.1:${amPort}'] }] }] }`,
        `scrape_configs: [{ job_name: app, static_configs: [{ targets: ['127.0.0.1:${web.port}'] }] }]`,
        '',
      ].join('\n'),
    );
    const start = (command: string, args: string[]): void => void children.push(spawn(command, args, { stdio: 'ignore' }));
    start('prometheus-alertmanager', [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=']);
    start('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn']);
    const posts = web.posts;
    const delivered = await until('the webhook to receive QueueDepthAbove', () => posts.flatMap((p) => p.alerts).find((a) => a.labels['alertname'] === 'QueueDepthAbove'), 120_000);
    assert.equal(delivered.status, 'firing');
    assert.deepEqual(
      { queue: delivered.labels['queue'], severity: delivered.labels['severity'], component: delivered.labels['component'], job: delivered.labels['job'] },
      { queue: 'long', severity: 'page', component: 'queue', job: 'app' },
    );
    assert.equal(delivered.annotations['summary'], 'queue_depth is 150, above 100');
    assert.ok(!posts.flatMap((p) => p.alerts).some((a) => a.labels['queue'] === 'short'), 'the series under the threshold must not alert');
  });
});
