/** runtime/TRACING.md and the root README document exactly the variables the config module reads, with their defaults. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VARIABLES } from '../../src/config/variables';
import { RUNTIME_DIR } from './support/runtime-bundles';

for (const docPath of [join(RUNTIME_DIR, 'TRACING.md'), join(RUNTIME_DIR, '..', 'README.md')]) describe(`variables table in ${docPath.slice(RUNTIME_DIR.length - 'runtime'.length)}`, () => {
  const doc = readFileSync(docPath, 'utf8');
  const rows = new Map<string, { defaultText: string; description: string }>();
  for (const match of doc.matchAll(/^\| `((?:OTEL|STATSCOPE)_[A-Z_]+)` \| (.*?) \| (.*) \|$/gm)) {
    const defaultText = (match[2] ?? '').replace(/^`|`$/g, '');
    rows.set(match[1] ?? '', { defaultText: defaultText === '(none)' ? '' : defaultText, description: match[3] ?? '' });
  }

  it('has one table row per variable, with the same default and meaning', () => {
    for (const v of VARIABLES) {
      const row = rows.get(v.name);
      assert.ok(row, `${v.name} is missing from the table`);
      assert.equal(row.defaultText, v.defaultText, `${v.name} default`);
      assert.equal(row.description, v.description, `${v.name} description`);
    }
  });

  it('documents no variable the config module does not read', () => {
    const known = new Set(VARIABLES.map((v) => v.name));
    assert.deepEqual([...rows.keys()].filter((name) => !known.has(name)), []);
  });
});
