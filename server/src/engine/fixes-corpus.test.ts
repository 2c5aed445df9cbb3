/**
 * Applies every fix the linter offers on a corpus modelled on real services (wrapper factories,
 * OpenTelemetry instruments, strings that look like metric names but are not) and checks that the fixed files
 * still parse and that the only string literals changed are the names and units the findings were about.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { LintSession } from './lint-session';
import { applyEdits } from './text-edits';
import type { LintDiagnostic, TextEdit } from './types';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const CORPUS = join(ROOT, 'test-fixtures', 'lint', 'realworld-corpus').replace(/\\/g, '/');

/** Lints every source file of the corpus as \`statscope lint\` does: whole index first, then diagnostics. */
function lintCorpus(): { fileName: string; diagnostics: LintDiagnostic[] }[] {
  const files = readdirSync(join(CORPUS, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${CORPUS}/src/${f.replace(/\\/g, '/')}`);
  const session = new LintSession({ root: CORPUS, onRuleError: (id, error) => assert.fail(`rule ${id} failed: ${String(error)}`) });
  for (const f of files) session.load(f, readFileSync(f, 'utf8'), true);
  return files.map((fileName) => ({ fileName, diagnostics: session.diagnostics(fileName) ?? [] }));
}

/** Every string literal of a file, in order, as written (quotes included). */
function stringLiterals(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('quick fixes on a corpus', function () {
  this.timeout(30_000);

  it('change only the telemetry names and units they are about, and leave files that parse', () => {
    const report = { files: lintCorpus() };
    const fixes = report.files.flatMap((f) => f.diagnostics.filter((d) => d.fix).map((d) => ({ file: f.fileName, diagnostic: d })));
    assert.ok(fixes.length >= 4, `the corpus should offer fixes, got ${fixes.length}`);
    const editsByFile = new Map<string, TextEdit[]>();
    for (const { file, diagnostic } of fixes) {
      for (const e of diagnostic.fix?.edits ?? []) {
        const target = e.fileName ?? file;
        editsByFile.set(target, [...(editsByFile.get(target) ?? []), e]);
      }
    }
    const mentioned = new Set(report.files.flatMap((f) => f.diagnostics.flatMap((d) => [...d.message.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? ''))));
    for (const [fileName, edits] of editsByFile) {
      // Several findings may offer the same edit; each is applied once, the first of overlapping ones.
      const unique = [...new Map(edits.map((e) => [JSON.stringify(e.range), e])).values()];
      const before = readFileSync(fileName, 'utf8');
      const after = applyEdits(before, unique);
      const parsed = ts.createSourceFile(fileName, after, ts.ScriptTarget.Latest, true) as ts.SourceFile & { parseDiagnostics: readonly ts.Diagnostic[] };
      assert.deepEqual(parsed.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], `${fileName} no longer parses`);
      const was = stringLiterals(fileName, before);
      const is = stringLiterals(fileName, after);
      assert.equal(is.length, was.length, `${fileName}: string literals added or removed`);
      was.forEach((text, i) => {
        if (is[i] !== text) assert.ok(mentioned.has(text), `${fileName}: the fix changed '${text}' to '${is[i] ?? ''}', which no finding is about`);
      });
    }
    const metrics = applyEdits(readFileSync(join(CORPUS, 'src', 'metrics.ts'), 'utf8'), editsByFile.get(`${CORPUS}/src/metrics.ts`) ?? []);
    // The look-alikes stay as they were: a Map entry, toString/toLocaleString arguments, text.
    assert.match(metrics, /settings\.set\('metrics_prefix', \{ name: 'users_created', help: 'not a metric' \}\)/);
    assert.match(metrics, /byte\.toString\(16\)} \$\{count\.toLocaleString\('en-GB'\)} \$\{body\.toString\('utf-8'\)}/);
    assert.match(metrics, /' users_created request_latency_ms'/);
    assert.match(metrics, /createCounter\(\{ name: 'users_created_total'/);
  });
});
