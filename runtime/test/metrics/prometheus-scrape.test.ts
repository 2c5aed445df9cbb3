/**
 * A real Prometheus server (Debian `prometheus`, installed when missing) scrapes a demo program's /metrics
 * on loopback, once negotiating OpenMetrics (Prometheus' default Accept header) and once forced to the text
 * format; the test reads the values back through Prometheus' HTTP query API (bounded polling, no sleeps).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startChild, stopChild, waitFor } from '../helpers';
import type { Child } from '../helpers';
import { PrometheusHarness } from '../support/prometheus';
import { HOSTILE_MODEL, UNICODE_MODEL } from './support/reference';

describe('real Prometheus scrapes /metrics', function () {
  this.timeout(300_000);
  let demo: Child | undefined;
  const prometheus = new PrometheusHarness();
  const samples = prometheus.samples.bind(prometheus);

  before(async function () {
    this.timeout(300_000);
    demo = startChild(process.execPath, [join(__dirname, 'support', 'demo-program.js'), '0']);
    const child = demo;
    const { port } = await waitFor('the demo program to listen', () => {
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      if (child.process.exitCode !== null) throw new Error(`demo exited: ${child.stderr}`);
      return line ? (JSON.parse(line) as { port: number }) : undefined;
    });
    await prometheus.start(`127.0.0.1:${port}`);
  });

  after(async () => {
    await prometheus.stop();
    await stopChild(demo);
  });

  it('scrapes both formats successfully', async () => {
    const up = await samples('up == 1', 2);
    assert.deepEqual(up.map((s) => s.metric['job']).sort(), ['openmetrics', 'text']);
  });

  for (const job of ['openmetrics', 'text'] as const) {
    it(`stores the declared values, hostile label values intact (${job})`, async () => {
      const requests = await samples(`inference_requests_total{job="${job}"}`, 3);
      const got = requests.map((s) => [s.metric['model'], s.metric['status'], Number(s.value[1])]).sort();
      assert.deepEqual(got, [['bert', 'ok', 4], [UNICODE_MODEL, 'ok', 2], [HOSTILE_MODEL, 'error', 1]].sort());
      const depth = await samples(`inference_queue_depth{job="${job}"}`, 1);
      assert.equal(Number(depth[0]?.value[1]), 7);
      const count = await samples(`inference_latency_seconds_count{job="${job}"}`, 1);
      assert.equal(Number(count[0]?.value[1]), 5);
      const temperature = await samples(`inference_temperature_celsius{job="${job}",device="gpu0"}`, 1);
      assert.equal(Number(temperature[0]?.value[1]), -12.5);
      const dropped = await samples(`statscope_dropped_samples_total{job="${job}",reason="non_finite"}`, 1);
      assert.equal(dropped[0]?.metric['metric'], 'inference_queue_depth');
      const rate = await samples(`inference_tokens_window_max{job="${job}"}`, 1);
      assert.equal(Number(rate[0]?.value[1]), 1500);
    });
  }

  it('parsed each format with its own parser (canonical le="5.0" only in OpenMetrics)', async () => {
    const om = await samples('inference_latency_seconds_bucket{job="openmetrics",le="5.0"}', 1);
    const text = await samples('inference_latency_seconds_bucket{job="text",le="5"}', 1);
    assert.equal(Number(om[0]?.value[1]), 4);
    assert.equal(Number(text[0]?.value[1]), 4);
    const scraped = await samples('scrape_samples_scraped', 2);
    assert.equal(scraped[0]?.value[1], scraped[1]?.value[1], 'both formats carry the same samples');
  });

  it('keeps scraping a live process', async () => {
    const first = Number((await samples('demo_heartbeat{job="text"}', 1))[0]?.value[1]);
    await waitFor('a newer heartbeat', async () => {
      const now = Number((await prometheus.query('demo_heartbeat{job="text"}'))[0]?.value[1]);
      return now > first ? now : undefined;
    }, 30_000, 250);
  });
});
