/** Hover, go to declaration, rename and completion on Python files, through the same index as TypeScript. */
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { LintSession } from '../engine/lint-session';
import { completionsAt } from '../features/completion';
import { declarationAt } from '../features/declaration';
import { hoverAt } from '../features/hover';
import { renameAt } from '../features/rename';

const STATS = [
  'from statscope import counter, define_stats, histogram',
  '',
  'stats = define_stats("inference",',
  '    requests=counter("Requests received", labels=("model", "status")),',
  '    latency=histogram("Prediction latency", unit="seconds", buckets=(0.1, 1)),',
  ')',
  '',
].join('\n');
const USE = 'from .stats import stats\n\nstats.requests.labels(model="a", status="ok").inc()\nstats.latency.observe(0.2)\n';

function session(): LintSession {
  const s = new LintSession({ root: '/w' });
  s.update('/w/stats.py', STATS, true);
  s.update('/w/use.py', USE, true);
  return s;
}

describe('editor features on Python', () => {
  it('hover on a use shows kind, exposed name, labels and the declaring file', () => {
    const hover = hoverAt(session().index, '/w/use.py', { line: 2, character: 8 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*inference_requests_total\*\* · counter/);
    assert.match(value, /Requests received/);
    assert.match(value, /labels: `model`, `status`/);
    assert.match(value, /Declared in \[stats\.py:4\]/);
  });

  it('goes to the declaring keyword', () => {
    const location = declarationAt(session().index, '/w/use.py', { line: 3, character: 8 });
    assert.equal(location?.uri.endsWith('/w/stats.py'), true);
    assert.deepEqual(location?.range.start, { line: 4, character: 4 });
  });

  it('renames the keyword and every use across files', () => {
    const edit = renameAt(session().index, '/w/use.py', { line: 2, character: 8 }, 'calls');
    assert.ok(!('error' in edit));
    const changes = Object.entries(edit.changes ?? {});
    const texts = changes.flatMap(([uri, edits]) => edits.map((e) => `${uri.split('/').pop() ?? ''}:${e.range.start.line}:${e.newText}`)).sort();
    assert.deepEqual(texts, ['stats.py:3:calls', 'use.py:2:calls']);
  });

  it('completes metric keys after the struct and label keywords inside labels(', () => {
    const s = session();
    const keys = completionsAt(s.index, '/w/use.py', 'from .stats import stats\nstats.', { line: 1, character: 6 }).map((c) => c.label);
    assert.deepEqual(keys.sort(), ['latency', 'requests']);
    const labels = completionsAt(s.index, '/w/use.py', 'from .stats import stats\nstats.requests.labels(model="a", ', { line: 1, character: 33 });
    assert.deepEqual(labels.map((c) => [c.label, c.insertText]), [['status', 'status=']]);
  });
});

describe('Python files in the lint session', () => {
  it('keeps an open file indexed after it closes, and reports a file it cannot handle once, indexed as empty', () => {
    const errors: string[] = [];
    const s = new LintSession({ root: '/w', onFileError: (fileName, error) => errors.push(`${fileName}: ${String(error)}`) });
    s.update('/w/stats.py', STATS, true);
    s.forgetResults('/w/stats.py');
    assert.deepEqual(s.index.facts('/w/stats.py')?.structs.map((st) => st.metrics.map((m) => m.name)), [['requests', 'latency']]);
    s.update('/w/deep.py', `x = ${'['.repeat(2000)}${']'.repeat(2000)}\n`, true);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /deep\.py: Error: brackets nested more than 400 levels deep/);
    assert.deepEqual(s.diagnostics('/w/deep.py'), []);
  });

  it('lints hostile Python without throwing or hanging: 3,000 nested blocks, a 100,000-link attribute chain', () => {
    const errors: unknown[] = [];
    const s = new LintSession({ root: '/w', onFileError: (_f, e) => errors.push(e) });
    const started = Date.now();
    s.update('/w/indent.py', `${Array.from({ length: 3000 }, (_, i) => `${'    '.repeat(i)}if x:\n`).join('')}${'    '.repeat(3000)}pass\n`, true);
    s.update('/w/chain.py', `from prometheus_client import Counter\nx = a${'.b'.repeat(100_000)}()\nc = Counter("jobsDone", "Jobs")\n`, true);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(errors, []);
    assert.deepEqual(s.diagnostics('/w/indent.py'), []);
    // The rest of the file is still linted.
    assert.deepEqual(s.diagnostics('/w/chain.py')?.map((d) => d.ruleId), ['metric-name-format']);
  });
});
