/** The snippets in snippets/ declare and trace with standard names and units: the linter finds nothing in them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintSource } from '../engine/lint-source';
import { RULES } from './index';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

interface Snippet {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
}

/** The snippet text with every placeholder replaced by its default (`${1:name}` → name, `$0` → nothing). */
function expand(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  }
  return current.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\t/g, '  ');
}

describe('snippets', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'snippets', 'statscope.code-snippets'), 'utf8')) as Record<string, Snippet>;
  const struct = (members: string): string => `import { counter, defineStats, gauge, histogram } from 'statscope';\nexport const stats = defineStats('checkout', {\n${members}\n});\n`;
  // A struct that is never used, or a snippet outside its struct, would trip rules about the whole workspace.
  const rules = RULES.filter((r) => !['unused-metric', 'component-without-stats'].includes(r.meta.id));

  for (const [name, snippet] of Object.entries(file)) {
    it(`${name} expands to code the linter accepts`, () => {
      const code = expand(snippet.body);
      const wrapped = code.includes('defineStats(') ? `import { counter, defineStats, gauge, histogram } from 'statscope';\n${code}` : /^\w+: (counter|gauge|histogram)\(/.test(code) ? struct(code) : `import { startSpan, withSpan } from 'statscope';\nexport async function f(): Promise<void> {\n${code}\n}\n`;
      const found = lintSource('/snippets/case.ts', wrapped, { rules, onRuleError: (_id, e) => { throw e; } });
      assert.deepEqual(found.map((d) => `${d.ruleId}: ${d.message}`), []);
    });
  }

  const python = JSON.parse(readFileSync(join(ROOT, 'snippets', 'statscope-python.code-snippets'), 'utf8')) as Record<string, Snippet>;
  for (const [name, snippet] of Object.entries(python)) {
    it(`${name} expands to Python the linter accepts`, () => {
      const code = `from statscope import counter, define_stats, gauge, histogram, span\n${expand(snippet.body)}\n`;
      const found = lintSource('/snippets/case.py', code, { rules, onRuleError: (_id, e) => { throw e; } });
      assert.deepEqual(found.map((d) => `${d.ruleId}: ${d.message}`), []);
      assert.ok(/define_stats\(|with span\(/.test(code));
    });
  }
});
