import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { generateCommand, parseGenerateArgs } from './generate-command';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'out', 'cli', 'src', 'main.js');
const DEMO = join(ROOT, 'test-fixtures', 'demo');

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await generateCommand(argv, { cwd, writeOut: (t) => void (out += t), writeErr: (t) => void (err += t) });
  return { code, out, err };
}

describe('statscope generate', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'statscope-generate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the dashboard of the demo workspace, one row per component', async () => {
    const r = await run(ROOT, 'grafana', 'test-fixtures/demo');
    assert.equal(r.code, 0, r.err);
    const dashboard = JSON.parse(r.out) as { panels: { type: string; title: string }[] };
    assert.deepEqual(
      dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title),
      ['checkout', 'gateway', 'inference', 'model_server', 'model_service'],
    );
    assert.ok(dashboard.panels.some((p) => p.title === 'latency: p50 / p95 / p99'));
  });

  it('writes the rules to --out with the demo objective and alert, and says where', async () => {
    const out = join(dir, 'nested', 'rules.yaml');
    const r = await run(DEMO, 'prometheus-rules', '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(r.err, /wrote .*rules\.yaml \(5 components\)/);
    const alerts = (parse(readFileSync(out, 'utf8')) as { groups: { rules: { alert?: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules.filter((x) => x.alert !== undefined));
    assert.deepEqual(
      alerts.map((a) => `${a.alert}: ${a.expr}`),
      [
        'InferenceQueueDepthAbove: inference_queue_depth > 100',
        'InferenceLatencySecondsP95AboveObjective: job:inference_latency_seconds:p95_rate5m > 0.2',
        // The Python model service's declarations, read from the same index.
        'ModelServiceLatencySecondsP95AboveObjective: job:model_service_latency_seconds:p95_rate5m > 0.05',
        'ModelServiceAccuracyRatioBelow: model_service_accuracy_ratio < 0.8',
        'ModelServiceDriftAbove: model_service_drift > 0.2',
      ],
    );
  });

  it('exits 1 with a message when nothing is declared, and 2 on usage errors', async () => {
    writeFileSync(join(dir, 'plain.ts'), 'export const x = 1;\n');
    const empty = await run(dir, 'collector', 'plain.ts');
    assert.equal(empty.code, 1);
    assert.match(empty.err, /no stats struct/);
    assert.equal((await run(dir, 'dashboards')).code, 2);
    assert.equal((await run(dir, 'grafana', 'missing-folder')).code, 2);
    assert.deepEqual(parseGenerateArgs(['collector', '--out=x.yaml', 'src']), { kind: 'generate', args: { what: 'collector', paths: ['src'], out: 'x.yaml' } });
  });

  it('runs as a command: statscope generate collector on the demo prints a parsable configuration', () => {
    const r = spawnSync(process.execPath, [MAIN, 'generate', 'collector', 'test-fixtures/demo'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const config = parse(r.stdout) as { service: { pipelines: Record<string, unknown> } };
    assert.deepEqual(Object.keys(config.service.pipelines).sort(), ['logs', 'metrics', 'traces']);
    assert.match(r.stdout, /threshold_ms: 50/); // the tightest seconds objective: the Python model service's p95 of 0.05 s
  });
});
