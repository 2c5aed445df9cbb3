import assert from 'node:assert/strict';
import ts from 'typescript';
import { provenanceOf } from './provenance';

function kindsOf(code: string, expressions: readonly string[]): (string | undefined)[] {
  const sf = ts.createSourceFile('/w/a.ts', code, ts.ScriptTarget.Latest, true);
  const p = provenanceOf(sf);
  const found = new Map<string, ts.Expression>();
  const visit = (node: ts.Node): void => {
    if (ts.isExpression(node) && expressions.includes(node.getText(sf)) && !found.has(node.getText(sf))) found.set(node.getText(sf), node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return expressions.map((e) => {
    const node = found.get(e);
    return node ? p.kindOf(node) : 'not found';
  });
}

describe('provenance', () => {
  it('follows a field assigned below the method that uses it (a second pass), and no further', () => {
    const code = [
      "import { trace } from '@opentelemetry/api';",
      'class Worker {',
      '  run() { const running = this.tracer.startSpan("run"); return running; }',
      '  private readonly tracer;',
      '  constructor() { this.tracer = trace.getTracer("w"); }',
      '}',
      'const store = new Map();',
      'store.set("a", 1);',
    ].join('\n');
    assert.deepEqual(kindsOf(code, ['this.tracer', 'running', 'store']), ['tracer', 'span', undefined]);
  });

  it('finds nothing in a file that imports no telemetry module', () => {
    assert.deepEqual(kindsOf("const meter = getMeter('x');\nmeter.createCounter('c');", ['meter']), [undefined]);
  });

  it('answers for a second file after the first (the cache holds one file)', () => {
    const a = ts.createSourceFile('/w/a.ts', "import { metrics } from '@opentelemetry/api';\nexport const meter = metrics.getMeter('a');", ts.ScriptTarget.Latest, true);
    const b = ts.createSourceFile('/w/b.ts', 'export const meter = 1;', ts.ScriptTarget.Latest, true);
    const pa = provenanceOf(a);
    assert.equal(provenanceOf(b).nameKind('meter'), undefined);
    assert.equal(pa.nameKind('meter'), 'meter');
    assert.equal(provenanceOf(a).nameKind('meter'), 'meter');
  });
});
