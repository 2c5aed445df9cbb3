import assert from 'node:assert/strict';
import { findPythonSpanSites } from './python-span-sites';

const SOURCE = `
from opentelemetry import trace
from statscope import span, traced

tracer = trace.get_tracer(__name__)

@tracer.start_as_current_span("load_model")
def load(): ...

def handle(request):
    with tracer.start_as_current_span(name="handle_request") as s:  # the OpenTelemetry API
        child = tracer.start_span('cache.lookup')
        with span("model.predict", attributes={"model": "bert"}):
            pass
    # with span("commented_out"):
    text = "with span('in_a_string')"
    with span(name_from_variable):
        pass

@traced("model.forward")
def forward(batch): ...
`;

describe('Python span call sites', () => {
  it('finds OpenTelemetry API and Statscope span names, skipping comments, strings and non-literal names', () => {
    const sites = findPythonSpanSites(SOURCE);
    assert.deepEqual(
      sites.map((s) => s.name),
      ['load_model', 'handle_request', 'cache.lookup', 'model.predict', 'model.forward'],
    );
    for (const site of sites) assert.match(SOURCE.slice(site.offset), /^(start_as_current_span|start_span|span|traced)\s*\(/);
  });

  it('tolerates hostile text', () => {
    assert.deepEqual(findPythonSpanSites('span("' + 'x'.repeat(100_000)), []);
    assert.deepEqual(findPythonSpanSites('span("<script>alert(1)</script>")').map((s) => s.name), ['<script>alert(1)</script>']);
  });
});
