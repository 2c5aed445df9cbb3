import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFactsRule } from './engine/create-rule';
import { LintService } from './lint-service';
import { RULES } from './rules';

/** A rule with a bug: it throws on every file. */
const THROWS = createFactsRule(
  { id: 'throws-always', description: 'Throws.', category: 'usage', defaultSeverity: 'warning', hasFix: false, messages: {} },
  () => {
    throw new TypeError('positions is not iterable');
  },
);

describe('lint service', () => {
  it('shows a failing rule once in the output channel, naming the file; the other rules still report', async () => {
    const errors: string[] = [];
    const published = new Map<string, string[]>();
    const service = new LintService(['/w'], { publish: (f, d) => published.set(f, d.map((x) => x.ruleId)), log: () => undefined, error: (m) => errors.push(m) }, [THROWS, ...RULES]);
    const code = "import { metrics } from '@opentelemetry/api';\nmetrics.getMeter('m').createCounter('Jobs Done');\n";
    service.didChange('/w/a.ts', 1, code);
    service.didChange('/w/b.ts', 1, code);
    service.flush('/w/a.ts');
    service.flush('/w/b.ts');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0] ?? '', /^rule throws-always failed on a\.ts and was skipped there: TypeError: positions is not iterable/);
    assert.ok(published.get('/w/b.ts')?.includes('metric-name-format'), 'the other rules still report');
  });

  it('lints a minified or huge document when opened and saved, not per keystroke, and says so once', async () => {
    const logs: string[] = [];
    let publishes = 0;
    const service = new LintService(['/w'], { publish: () => void publishes++, log: (m) => logs.push(m), error: (m) => assert.fail(m) });
    const minified = `import { metrics } from '@opentelemetry/api';\nmetrics.getMeter('m').createCounter('Jobs Done');\nexport const data = [${'1,'.repeat(20_000)}1];\n`;
    const settle = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
    service.didChange('/w/min.ts', 1, minified);
    await settle();
    assert.equal(publishes, 1, 'linted when opened');
    for (let v = 2; v < 6; v++) service.didChange('/w/min.ts', v, minified.replace('Jobs Done', `Jobs Done ${v}`));
    await settle();
    assert.equal(publishes, 1, 'not linted per keystroke');
    assert.deepEqual(logs.filter((l) => l.includes('min.ts')), ['linting min.ts when opened and saved only: a line of 40024 characters (minified?), over the 10000 live-lint limit']);
    service.didSave('/w/min.ts');
    assert.equal(publishes, 2, 'linted on save');
    service.didChange('/w/small.ts', 1, 'export const a = 1;\n');
    service.didChange('/w/small.ts', 2, 'export const a = 2;\n');
    await settle();
    assert.equal(publishes, 3, 'an ordinary document is linted as it is typed (edits in one turn coalesce)');
  });

  it('asks the type checker about undecided meters after indexing, and again on save after edits', async () => {
    const root = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'lint', 'typed-meter').replace(/\\/g, '/');
    const file = `${root}/src/factory.ts`;
    const published = new Map<string, string[]>();
    const service = new LintService([root], { publish: (f, d) => published.set(f, d.map((x) => `${x.range.start.line + 1}:${x.ruleId}`)), log: () => undefined, error: (m) => assert.fail(m) });
    await service.indexWorkspace();
    const text = readFileSync(join(root, 'src', 'factory.ts'), 'utf8');
    const settle = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
    service.didChange(file, 1, text);
    await settle();
    assert.deepEqual(published.get(file), ['9:counter-total-suffix']);
    service.didChange(file, 2, `// edited\n${text}`);
    await settle();
    assert.deepEqual(published.get(file), [], 'the answer is dropped once the receiver moved');
    service.didSave(file);
    assert.deepEqual(published.get(file), ['10:counter-total-suffix'], 'and asked again on save');
  });

  it('checks label values flagged by their names against their types when a document is saved', async () => {
    const root = resolve(__dirname, '..', '..', '..', 'test-fixtures', 'lint', 'typed-meter').replace(/\\/g, '/');
    const file = `${root}/src/signups.ts`;
    const published = new Map<string, string[]>();
    const service = new LintService([root], { publish: (f, d) => published.set(f, d.filter((x) => x.ruleId === 'unbounded-label-value').map((x) => x.message.replace(/:.*/, ''))), log: () => undefined, error: (m) => assert.fail(m) });
    await service.indexWorkspace();
    const text = readFileSync(join(root, 'src', 'signups.ts'), 'utf8');
    const settle = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
    service.didChange(file, 1, text);
    await settle();
    assert.equal(published.get(file)?.length, 3, 'opened: the names decide (a type program per opened file would cost the memory budget)');
    service.didSave(file);
    assert.deepEqual(published.get(file), ["Label 'account' gets its value from 'account.accountId' (an account id)"]);
    service.didChange(file, 2, `${text}\n`);
    await settle();
    assert.equal(published.get(file)?.length, 3, 'edited: the names decide until the next save');
    service.didSave(file);
    assert.deepEqual(published.get(file), ["Label 'account' gets its value from 'account.accountId' (an account id)"]);
  });
});
