import assert from 'node:assert/strict';
import { escapeMarkdown, metricHoverMarkdown, spanLensTitle } from './hint-text';
import { findStatsDeclarations } from './stats-declarations';

const DEMO = `
import { counter, defineStats, gauge, histogram } from './runtime';

const stats = defineStats('model_server', {
  requests: counter({ description: 'Prediction requests answered', labels: ['model', 'status'] }),
  // a comment with { braces } and a fake: counter(
  queueDepth: gauge({ description: 'Requests, waiting (for a worker)' }),
  predictionLatency: histogram({
    description: 'Time to answer one prediction request',
    unit: 'seconds',
    buckets: [0.005, 0.01],
  }),
  'accuracy': gauge({ description: 'Share correct', unit: 'ratio' }),
  drift: stats.gauge<'x'>({ description: "has a } brace" }),
});
const other = defineStats("inference", { latency: histogram({ unit: 'seconds' }) });
`;

describe('stats declarations in source text', () => {
  it('finds each declared metric with its exposed name and position', () => {
    const found = findStatsDeclarations(DEMO);
    assert.deepEqual(
      found.map((d) => [d.component, d.key, d.kind, d.unit, d.exposedName]),
      [
        ['model_server', 'requests', 'counter', undefined, 'model_server_requests_total'],
        ['model_server', 'queueDepth', 'gauge', undefined, 'model_server_queue_depth'],
        ['model_server', 'predictionLatency', 'histogram', 'seconds', 'model_server_prediction_latency_seconds'],
        ['model_server', 'accuracy', 'gauge', 'ratio', 'model_server_accuracy_ratio'],
        ['model_server', 'drift', 'gauge', undefined, 'model_server_drift'],
        ['inference', 'latency', 'histogram', 'seconds', 'inference_latency_seconds'],
      ],
    );
    for (const d of found) assert.equal(DEMO.slice(d.offset, d.offset + d.length), d.key);
  });

  it('ignores text that only looks like a declaration', () => {
    assert.deepEqual(findStatsDeclarations("// defineStats('x', { a: counter({}) })\nconst s = 'defineStats';"), []);
    assert.deepEqual(findStatsDeclarations('defineStats(name, { a: counter({}) })'), [], 'dynamic component names are not resolved');
    assert.deepEqual(findStatsDeclarations("defineStats('x', {"), [], 'unterminated');
  });
});

describe('hint texts', () => {
  it('titles span CodeLens with count, p50 and max', () => {
    const stats = { spanName: 'handle_request', count: 48, p50Ms: 23.26, maxMs: 39.5, errorCount: 3 };
    assert.equal(spanLensTitle(stats, false), '$(pulse) 48 spans · p50 23.3 ms · max 39.5 ms · 3 errors');
    assert.equal(spanLensTitle({ ...stats, count: 1, errorCount: 0 }, true), '$(pulse) handle_request: 1 span · p50 23.3 ms · max 39.5 ms');
  });

  it('escapes program data in hover Markdown', () => {
    assert.equal(escapeMarkdown('[x](command:evil) <img src=x> *b* | `c`'), '\\[x\\]\\(command:evil\\) \\<img src=x\\> \\*b\\* \\| \\`c\\`');
    const md = metricHoverMarkdown('model_server_requests_total', 'app.js', 'finished', [
      { labels: 'model=<img src=x onerror=alert(1)>', summary: { kind: 'counter', values: [45, 41, 14.667] } },
    ]);
    assert.match(md, /^\*\*model\\_server\\_requests\\_total\*\* · last values from run \*app\\\.js\* \(finished\)/);
    assert.match(md, /\| model=\\<img src=x onerror=alert\\\(1\\\)\\> \| 45 \| 41 \| 14\.67\/s \|/);
  });

  it('shows the statistics of the metric’s kind in the hover: no avg/min/max for counters', () => {
    const counter = metricHoverMarkdown('requests_total', 'app.js', 'finished', [{ labels: '(no labels)', summary: { kind: 'counter', values: [45, 41, undefined] } }]);
    assert.match(counter, /^\| labels \| total \| increase \| rate \|$/m);
    assert.match(counter, /^\| \\\(no labels\\\) \| 45 \| 41 \| – \|$/m);
    assert.doesNotMatch(counter, /avg|min|max/);
    const histogram = metricHoverMarkdown('latency_seconds', 'app.js', 'finished', [{ labels: 'route=/a', summary: { kind: 'histogram', values: [48, 2.4, 0.05, 0.04, 0.09, 0.099] } }]);
    assert.match(histogram, /^\| labels \| count \| sum \| avg \| p50 \| p95 \| p99 \|$/m);
    assert.match(histogram, /^\| --- \| ---: \| ---: \| ---: \| ---: \| ---: \| ---: \|$/m);
    assert.match(histogram, /\| 48 \| 2\.4 \| 0\.05 \| 0\.04 \| 0\.09 \| 0\.099 \|$/m);
    const gauge = metricHoverMarkdown('queue_depth', 'app.js', 'finished', [{ labels: '(no labels)', summary: { kind: 'gauge', values: [3, 1, 8, 4] } }]);
    assert.match(gauge, /^\| labels \| last \| min \| max \| avg \|$/m);
    assert.match(metricHoverMarkdown('m', 'r', 's', []), /Not recorded in this run/);
  });
});
