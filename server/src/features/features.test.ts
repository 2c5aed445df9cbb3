import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { LintSession } from '../engine/lint-session';
import { applyEdits } from '../engine/text-edits';
import { fileNameToUri } from '../uris';
import { completionsAt } from './completion';
import { declarationAt } from './declaration';
import { hoverAt } from './hover';
import { prepareRenameAt, renameAt } from './rename';

const STATS = [
  "import { counter, defineStats, histogram } from 'statscope';",
  '',
  "export const stats = defineStats('inference', {",
  "  requests: counter({ description: 'Requests received', labels: ['model', 'status'] }),",
  "  latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.1, 1] }),",
  '});',
  '',
].join('\n');
const USE = "import { stats } from './stats';\nstats.requests.labels({ model: 'a', status: 'ok' }).inc();\nstats.latency.observe(0.2);\n";

function session(): LintSession {
  const s = new LintSession({ root: '/w' });
  s.update('/w/stats.ts', STATS, true);
  s.update('/w/use.ts', USE, true);
  return s;
}

describe('editor features', () => {
  it('hover on a use shows the declaration', () => {
    const hover = hoverAt(session().index, '/w/use.ts', { line: 1, character: 8 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*inference_requests_total\*\* · counter/);
    assert.match(value, /Requests received/);
    assert.match(value, /labels: `model`, `status`/);
    assert.match(value, /Declared in \[stats\.ts:4\]/);
    assert.deepEqual(hover?.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
  });

  it('hover on a declaration and on the struct binding', () => {
    const s = session();
    assert.match((hoverAt(s.index, '/w/stats.ts', { line: 4, character: 4 })?.contents as MarkupContent).value, /inference_latency_seconds\*\* · histogram[\s\S]*unit: `seconds`[\s\S]*buckets: 0\.1, 1/);
    assert.match((hoverAt(s.index, '/w/use.ts', { line: 2, character: 2 })?.contents as MarkupContent).value, /\*\*inference\*\* · stats struct[\s\S]*`requests` counter/);
    assert.equal(hoverAt(s.index, '/w/use.ts', { line: 0, character: 2 }), undefined);
  });

  it('goes to the declaration in the other file', () => {
    const location = declarationAt(session().index, '/w/use.ts', { line: 2, character: 9 });
    assert.deepEqual(location, { uri: fileNameToUri('/w/stats.ts'), range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } });
  });

  it('completes metric keys after the struct and label keys inside labels()', () => {
    const s = session();
    const text = `${USE}stats.requests.labels({ model: 'x',  });\nstats.\n`;
    s.update('/w/use.ts', text, true);
    const keys = completionsAt(s.index, '/w/use.ts', text, { line: 4, character: 6 });
    assert.deepEqual(keys.map((k) => `${k.label}: ${k.detail ?? ''}`), ['requests: counter · inference_requests_total', 'latency: histogram · inference_latency_seconds']);
    const labels = completionsAt(s.index, '/w/use.ts', text, { line: 3, character: 36 });
    assert.deepEqual(labels.map((l) => l.label), ['status']);
    assert.deepEqual(completionsAt(s.index, '/w/use.ts', text, { line: 0, character: 3 }), []);
  });

  it('renames a metric key and every use across files', () => {
    const s = session();
    assert.deepEqual(prepareRenameAt(s.index, '/w/use.ts', { line: 1, character: 8 }), { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } }, placeholder: 'requests' });
    const edit = renameAt(s.index, '/w/use.ts', { line: 1, character: 8 }, 'predictions');
    assert.ok(!('error' in edit));
    const changes = edit.changes ?? {};
    assert.match(applyEdits(STATS, changes[fileNameToUri('/w/stats.ts')] ?? []), /predictions: counter/);
    assert.match(applyEdits(USE, changes[fileNameToUri('/w/use.ts')] ?? []), /stats\.predictions\.labels/);
    assert.deepEqual(renameAt(s.index, '/w/use.ts', { line: 1, character: 8 }, 'not valid'), { error: "'not valid' is not a valid metric key." });
    assert.ok('error' in prepareRenameAt(s.index, '/w/use.ts', { line: 0, character: 1 }));
  });
});
