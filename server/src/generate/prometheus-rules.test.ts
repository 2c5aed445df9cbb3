/**
 * The generated rules checked by the real Prometheus tooling (Debian's `prometheus` package): `promtool check
 * rules` parses them (PromQL, durations, Go templates of annotations) and `promtool test rules` evaluates them on
 * synthetic series, so an alert is seen to fire and another not to.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { declaredComponents } from './declared-components';
import { factsOf, HOSTILE_SOURCE, QUEUE_SOURCE } from './fixture-declarations';
import { prometheusRulesYaml } from './prometheus-rules';
import { ensureDebianPackages } from './test-packages';

function promtool(dir: string, args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Synthetic series, one sample a minute for 20 minutes: queue "slow" breaks its objectives, "fast" keeps them. */
const SERIES = [
  { series: 'queue_depth{job="app",queue="long"}', values: '150x20' },
  { series: 'queue_depth{job="app",queue="short"}', values: '10x20' },
  { series: 'queue_failures_total{job="app"}', values: '0+60x20' },
  ...['0.05', '0.1', '0.2', '0.5', '1', '+Inf'].flatMap((le, i) => [
    // fast: half under 50 ms, all under 100 ms → p95 ≈ 0.095 s
    { series: `queue_wait_seconds_bucket{job="app",queue="fast",le="${le}"}`, values: `0+${i === 0 ? 10 : 20}x20` },
    // slow: everything between 0.5 and 1 s → p95 ≈ 0.975 s
    { series: `queue_wait_seconds_bucket{job="app",queue="slow",le="${le}"}`, values: `0+${i < 4 ? 0 : 20}x20` },
  ]),
];

describe('generated Prometheus rules (promtool)', function () {
  this.timeout(120_000);
  let dir = '';
  before(async () => {
    await ensureDebianPackages(['prometheus']);
    dir = mkdtempSync(join(tmpdir(), 'statscope-rules-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes promtool check rules, hostile descriptions and names included', () => {
    const { components } = declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE, '/w/hostile.ts': HOSTILE_SOURCE }));
    writeFileSync(join(dir, 'rules.yaml'), prometheusRulesYaml(components));
    const r = promtool(dir, ['check', 'rules', 'rules.yaml']);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /SUCCESS: 17 rules found/);
  });

  it('fires the gauge, counter and objective alerts on series that break them, and not on the others', () => {
    const { components } = declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE }));
    writeFileSync(join(dir, 'queue-rules.yaml'), prometheusRulesYaml(components));
    // The objective alerts' summaries hold an interpolated quantile (0.975000…01): they are checked through the
    // ALERTS series, which has their labels; the other alerts are checked whole.
    const test = {
      rule_files: ['queue-rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: SERIES,
          alert_rule_test: [
            {
              eval_time: '10m',
              alertname: 'QueueDepthAbove',
              exp_alerts: [{ exp_labels: { severity: 'ticket', component: 'queue', job: 'app', queue: 'long' }, exp_annotations: { summary: 'queue_depth is 150, above 100', description: 'Jobs waiting' } }],
            },
            // Not yet: the depth has been above 100 for 4 minutes, the rule waits 5.
            { eval_time: '4m', alertname: 'QueueDepthAbove', exp_alerts: [] },
            {
              eval_time: '10m',
              alertname: 'QueueFailuresTotalAbove',
              exp_alerts: [{ exp_labels: { severity: 'page', component: 'queue', job: 'app' }, exp_annotations: { summary: 'The rate of queue_failures_total is 1, above 0.5', description: 'Jobs that failed' } }],
            },
          ],
          promql_expr_test: [
            { expr: 'job:queue_failures:rate5m', eval_time: '10m', exp_samples: [{ labels: 'job:queue_failures:rate5m{job="app"}', value: 1 }] },
            {
              expr: 'job:queue_wait_seconds:p95_rate5m > bool 0.2',
              eval_time: '10m',
              exp_samples: [
                { labels: '{job="app",queue="fast"}', value: 0 },
                { labels: '{job="app",queue="slow"}', value: 1 },
              ],
            },
            { expr: 'ALERTS{alertname="QueueWaitSecondsP95AboveObjective",alertstate="firing"}', eval_time: '10m', exp_samples: [{ labels: 'ALERTS{alertname="QueueWaitSecondsP95AboveObjective",alertstate="firing",component="queue",job="app",queue="slow",severity="page"}', value: 1 }] },
            { expr: 'ALERTS{alertname="QueueWaitSecondsP99AboveObjective",alertstate="firing"}', eval_time: '10m', exp_samples: [{ labels: 'ALERTS{alertname="QueueWaitSecondsP99AboveObjective",alertstate="firing",component="queue",job="app",queue="slow",severity="page"}', value: 1 }] },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'queue-test.yaml'), stringify(test));
    const r = promtool(dir, ['test', 'rules', 'queue-test.yaml']);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /SUCCESS/);
  });

  it('fails promtool test rules when an expected alert does not fire (the test is real)', () => {
    const test = {
      rule_files: ['queue-rules.yaml'],
      evaluation_interval: '1m',
      tests: [{ interval: '1m', input_series: SERIES, alert_rule_test: [{ eval_time: '10m', alertname: 'QueueDepthAbove', exp_alerts: [] }] }],
    };
    writeFileSync(join(dir, 'wrong-test.yaml'), stringify(test));
    const r = promtool(dir, ['test', 'rules', 'wrong-test.yaml']);
    assert.equal(r.status, 1, r.output);
    assert.match(r.output, /QueueDepthAbove/);
  });
});
