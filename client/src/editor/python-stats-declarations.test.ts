import assert from 'node:assert/strict';
import { findDeclarationsIn } from './document-declarations';
import { findPythonStatsDeclarations } from './python-stats-declarations';

const SERVICE = `
from typing import Literal
import statscope
from statscope import Counter, Gauge, StatsStruct, counter, define_stats, gauge, histogram

# define_stats("commented", fake=counter("not a declaration"))
DOC = """define_stats("in_a_string", fake=gauge("no"))"""

stats = define_stats(
    "model_service",
    requests=counter("Prediction requests, by model (and status)", labels=("model", "status")),
    latency=histogram(
        "Time to answer one request",
        unit="seconds",
        buckets=(0.005, 0.05, 0.5),
    ),
    accuracy=statscope.gauge("Share of correct predictions", unit='ratio'),  # a trailing comment, with = signs
    drift=gauge("Population stability index"),
)


class Training(StatsStruct, component="trainer"):  # typed form
    epochs: Counter[str] = counter("Epochs run")
    # loss_hint: Gauge[str] = gauge("commented out")
    loss: Gauge[Literal["split"]] = gauge(
        "Loss", labels=("split",)
    )

    step_time = histogram("Step time", unit="seconds")

outside = counter("not in the class")
`;

describe('Python stats declarations in source text', () => {
  it('finds define_stats keywords and stats class fields with exposed names, skipping strings and comments', () => {
    const found = findPythonStatsDeclarations(SERVICE);
    assert.deepEqual(
      found.map((d) => [d.component, d.key, d.kind, d.unit, d.exposedName]),
      [
        ['model_service', 'requests', 'counter', undefined, 'model_service_requests_total'],
        ['model_service', 'latency', 'histogram', 'seconds', 'model_service_latency_seconds'],
        ['model_service', 'accuracy', 'gauge', 'ratio', 'model_service_accuracy_ratio'],
        ['model_service', 'drift', 'gauge', undefined, 'model_service_drift'],
        ['trainer', 'epochs', 'counter', undefined, 'trainer_epochs_total'],
        ['trainer', 'loss', 'gauge', undefined, 'trainer_loss'],
        ['trainer', 'step_time', 'histogram', 'seconds', 'trainer_step_time_seconds'],
      ],
    );
    for (const d of found) assert.equal(SERVICE.slice(d.offset, d.offset + d.length), d.key, `${d.key} is located at its key`);
  });

  it('tolerates broken and hostile text', () => {
    assert.deepEqual(findPythonStatsDeclarations('define_stats("x", a=counter("unterminated'), [
      { component: 'x', key: 'a', kind: 'counter', unit: undefined, offset: 18, length: 1, exposedName: 'x_a_total' },
    ]);
    assert.deepEqual(findPythonStatsDeclarations('define_stats(name, a=counter("x"))'), [], 'a component that is not a literal');
    assert.deepEqual(findPythonStatsDeclarations('class A(StatsStruct, component="c"):\n'), []);
    const deep = `define_stats("d", a=counter(${'('.repeat(5000)}${')'.repeat(5000)}), b=gauge("x"))`;
    assert.deepEqual(findPythonStatsDeclarations(deep).map((d) => d.key), ['a', 'b']);
  });

  it('is what Python documents get; other languages keep the defineStats reader', () => {
    assert.deepEqual(findDeclarationsIn('python', 'define_stats("p", hits=counter("h"))').map((d) => d.exposedName), ['p_hits_total']);
    assert.deepEqual(findDeclarationsIn('javascript', 'define_stats("p", hits=counter("h"))'), []);
    assert.deepEqual(findDeclarationsIn('typescript', "defineStats('t', { hits: counter({}) })").map((d) => d.exposedName), ['t_hits_total']);
  });
});
