/**
 * Keeps the rules, their files, the diagnostic-code catalogue and the package.json settings in sync.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DIAGNOSTIC_CODES, ruleDocsUrl } from '../../../protocol/diagnostic-codes';
import { lintSettingsSchema } from '../manifest';
import { RULES } from './index';

/** The repository root (this file runs from out/server/src/rules). */
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const RULES_DIR = join(ROOT, 'server', 'src', 'rules');
const OUTLINE = ['Incorrect', 'Correct', 'Options', 'When not to use it'];

function ruleFiles(): string[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

describe('rule catalogue (meta)', () => {
  const ids = RULES.map((r) => r.meta.id);

  it('has the 20 rules, sorted by id in rules/index.ts', () => {
    assert.equal(RULES.length, 20);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  });

  it('lists every rule file in rules/index.ts and nothing else', () => {
    assert.deepEqual(ids, ruleFiles());
  });

  it('matches protocol/diagnostic-codes.ts', () => {
    assert.deepEqual([...DIAGNOSTIC_CODES], ids);
  });

  it('generates the package.json settings (run `node scripts/gen-manifest.mjs` when this fails)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const properties = manifest.contributes.configuration.properties;
    for (const [key, schema] of Object.entries(lintSettingsSchema(RULES))) assert.deepEqual(properties[key], schema, `${key} is stale`);
  });

  it('lists every rule in server/README.md with its category, default severity and fix', () => {
    const readme = readFileSync(join(ROOT, 'server', 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| [') && l.includes('](src/rules/'));
    assert.deepEqual(
      rows.map((l) => l.split('|').slice(1, 5).map((c) => c.trim()).join(' ').trim()),
      RULES.map((r) => `[${r.meta.id}](src/rules/${r.meta.id}.md) ${r.meta.category} ${r.meta.defaultSeverity} ${r.meta.hasFix ? 'yes' : ''}`.trim()),
    );
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const id = rule.meta.id;

      it('is kebab-case, documented and tested beside its file', () => {
        assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
        assert.ok(existsSync(join(RULES_DIR, `${id}.md`)), `${id}.md is missing`);
        assert.ok(existsSync(join(RULES_DIR, `${id}.test.ts`)), `${id}.test.ts is missing`);
        assert.equal(rule.meta.docsUrl, ruleDocsUrl(id));
        assert.ok(rule.meta.description.length > 10);
        assert.ok(Object.keys(rule.meta.messages).length > 0);
      });

      it('has the fixed docs outline (summary, Incorrect, Correct, Options, [Quick fix,] When not to use it)', () => {
        const text = readFileSync(join(RULES_DIR, `${id}.md`), 'utf8');
        assert.ok(text.startsWith(`# ${id}\n\n`), 'starts with the rule id as title, then the summary');
        const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        const expected = rule.meta.hasFix ? [...OUTLINE.slice(0, 3), 'Quick fix', OUTLINE[3]] : OUTLINE;
        assert.deepEqual(headings, expected);
        const summary = text.slice(text.indexOf('\n\n') + 2, text.indexOf('\n## '));
        assert.ok(summary.trim().length > 40, 'has a summary paragraph');
      });

      it('tests its fix output exactly when it declares a fix', () => {
        const test = readFileSync(join(RULES_DIR, `${id}.test.ts`), 'utf8');
        assert.equal(/\boutput: /.test(test), rule.meta.hasFix, `hasFix is ${rule.meta.hasFix} but the tests ${rule.meta.hasFix ? 'have no' : 'have an'} output`);
        assert.match(test, /valid: \[/);
        assert.match(test, /invalid: \[/);
      });

      it('declares option defaults for every option in its schema', () => {
        const options = rule.meta.options;
        if (!options) return;
        assert.deepEqual(Object.keys(options.defaults as Record<string, unknown>).sort(), Object.keys(options.schema).sort());
      });
    });
  }
});
