/**
 * A real Prometheus server scrapes the Python runtime's /metrics, once negotiating OpenMetrics and once
 * forced to the text format (support/prometheus.ts), and the values come back intact through its query
 * API, hostile label values included.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startChild, stopChild, waitFor } from '../helpers';
import type { Child } from '../helpers';
import { PrometheusHarness } from '../support/prometheus';
import type { Sample } from '../support/prometheus';

const HOSTILE = 'a "quoted" \\ back\nslash ü 🚀';

const PROGRAM = `
import json, sys, time
from statscope import counter, define_stats, gauge, histogram, start_metrics_server
stats = define_stats("pyapp",
    requests=counter("Requests received", labels=("model", "status")),
    depth=gauge("Queue depth"),
    latency=histogram("Latency", unit="seconds", buckets=(0.1, 1, 5)),
)
stats.requests.labels(model="bert", status="ok").add(4)
stats.requests.labels(model=${JSON.stringify(HOSTILE)}, status="error").inc()
stats.depth.set(-7.5)
for v in (0.05, 0.5, 2, 9):
    stats.latency.observe(v)
server = start_metrics_server(port=0)
print(json.dumps({"port": server.port}), flush=True)
while True:
    time.sleep(3600)
`;

describe('real Prometheus scrapes the Python runtime', function () {
  this.timeout(300_000);
  const prometheus = new PrometheusHarness();
  let program: Child | undefined;
  let dir = '';
  const samples = (promql: string, count: number): Promise<Sample[]> => prometheus.samples(promql, count);

  before(async function () {
    this.timeout(300_000);
    dir = mkdtempSync(join(tmpdir(), 'statscope-py-scrape-'));
    writeFileSync(join(dir, 'app.py'), PROGRAM);
    program = startChild('python3', [join(dir, 'app.py')], { ...process.env, PYTHONPATH: join(repoRoot(), 'runtime', 'python'), PYTHONDONTWRITEBYTECODE: '1' });
    const child = program;
    const { port } = await waitFor('the Python program to listen', () => {
      if (child.process.exitCode !== null) throw new Error(`program exited: ${child.stderr}`);
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      return line ? (JSON.parse(line) as { port: number }) : undefined;
    });
    await prometheus.start(`127.0.0.1:${port}`);
  });

  after(async () => {
    await prometheus.stop();
    await stopChild(program);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes both formats successfully', async () => {
    const up = await samples('up == 1', 2);
    assert.deepEqual(up.map((s) => s.metric['job']).sort(), ['openmetrics', 'text']);
  });

  for (const job of ['openmetrics', 'text'] as const) {
    it(`stores the declared values, hostile label values intact (${job})`, async () => {
      const requests = await samples(`pyapp_requests_total{job="${job}"}`, 2);
      const got = requests.map((s) => [s.metric['model'], s.metric['status'], Number(s.value[1])]).sort();
      assert.deepEqual(got, [['bert', 'ok', 4], [HOSTILE, 'error', 1]].sort());
      assert.equal(Number((await samples(`pyapp_depth{job="${job}"}`, 1))[0]?.value[1]), -7.5);
      assert.equal(Number((await samples(`pyapp_latency_seconds_count{job="${job}"}`, 1))[0]?.value[1]), 4);
      const le = job === 'openmetrics' ? '5.0' : '5';
      assert.equal(Number((await samples(`pyapp_latency_seconds_bucket{job="${job}",le="${le}"}`, 1))[0]?.value[1]), 3);
    });
  }
});
