import assert from 'node:assert/strict';
import { LintSession } from './lint-session';

const STATS = "import { counter, defineStats } from 'statscope';\nexport const stats = defineStats('shop', { orders: counter({ description: 'Orders' }) });\n";

function session(files: Record<string, string>): LintSession {
  const s = new LintSession({ root: '/w' });
  for (const [name, text] of Object.entries(files)) s.update(`/w/${name}`, text, true);
  return s;
}

function structAt(s: LintSession, file: string, name: string): string | undefined {
  const b = s.index.resolveBinding(`/w/${file}`, name);
  return b?.kind === 'struct' ? `${b.fileName}#${b.struct.component.value ?? ''}` : b?.kind;
}

describe('workspace index', () => {
  it('resolves structs through named, default, namespace, re-exported and CommonJS imports', () => {
    const s = session({
      'stats.ts': STATS,
      'default.ts': "import { defineStats } from 'statscope';\nconst s = defineStats('d', {});\nexport default s;",
      'barrel.ts': "export * from './stats';\nexport { stats as renamed } from './stats';\nexport { default as d } from './default';",
      'cjs.js': "const { defineStats } = require('statscope');\nconst stats = defineStats('c', {});\nmodule.exports = stats;",
      'use.ts': [
        "import { stats } from './stats.js';",
        "import d from './default';",
        "import * as ns from './stats';",
        "import { stats as viaStar, renamed, d as dd } from './barrel';",
        "const c = require('./cjs');",
      ].join('\n'),
    });
    assert.equal(structAt(s, 'use.ts', 'stats'), '/w/stats.ts#shop');
    assert.equal(structAt(s, 'use.ts', 'd'), '/w/default.ts#d');
    assert.equal(structAt(s, 'use.ts', 'ns'), 'namespace');
    assert.equal(structAt(s, 'use.ts', 'viaStar'), '/w/stats.ts#shop');
    assert.equal(structAt(s, 'use.ts', 'renamed'), '/w/stats.ts#shop');
    assert.equal(structAt(s, 'use.ts', 'dd'), '/w/default.ts#d');
    assert.equal(structAt(s, 'use.ts', 'c'), '/w/cjs.js#c');
  });

  it('finds uses across files, through handles, and notices escapes', () => {
    const s = session({
      'stats.ts': STATS,
      'a.ts': "import { stats } from './stats';\nconst h = stats.orders;\nh.inc();",
      'b.ts': "import * as m from './stats';\nm.stats.orders.add(2);",
    });
    const facts = s.index.facts('/w/stats.ts');
    const struct = facts?.structs[0];
    assert.ok(struct);
    const { uses, isEscaped } = s.index.usesOfStruct('/w/stats.ts', struct);
    assert.equal(isEscaped, false);
    assert.deepEqual(uses.map((u) => `${u.fileName}:${u.members.map((m) => m.name).join('.')}`).sort(), ['/w/a.ts:orders', '/w/a.ts:orders.inc', '/w/b.ts:orders.add']);
    s.update('/w/c.ts', "import { stats } from './stats';\nexport const all = Object.values(stats);", true);
    assert.equal(s.index.usesOfStruct('/w/stats.ts', struct).isEscaped, true);
  });

  it('re-lints only the files that depend on a change', () => {
    const s = session({
      'stats.ts': STATS,
      'use.ts': "import { stats } from './stats';\nstats.orders.inc();\nstats.refunds.inc();",
      'other.ts': 'export const x = 1;',
    });
    assert.deepEqual(s.diagnostics('/w/use.ts')?.map((d) => d.ruleId), ['undeclared-metric']);
    // Adding the key changes what stats.ts declares: its importer must be re-linted and is now clean.
    const { dependents } = s.update('/w/stats.ts', STATS.replace("orders: counter({ description: 'Orders' })", "orders: counter({ description: 'Orders' }), refunds: counter({ description: 'Refunds' })"), true);
    assert.deepEqual([...dependents], ['/w/use.ts']);
    assert.deepEqual(s.diagnostics('/w/use.ts'), []);
    // An edit that changes nothing other files can see has no dependents.
    assert.equal(s.update('/w/use.ts', "import { stats } from './stats';\n\nstats.orders.inc();\nstats.refunds.inc(); // done", true).dependents.size, 0);
    // A new use in an importer changes the struct file's unused-metric result.
    s.update('/w/stats.ts', STATS.replace("orders: counter({ description: 'Orders' })", "orders: counter({ description: 'Orders' }), refunds: counter({ description: 'R' }), spare: counter({ description: 'S' })"), true);
    assert.deepEqual(s.diagnostics('/w/stats.ts')?.map((d) => d.ruleId), ['unused-metric']);
    const change = s.update('/w/use.ts', "import { stats } from './stats';\nstats.orders.inc();\nstats.refunds.inc();\nstats.spare.inc();", true);
    assert.ok(change.dependents.has('/w/stats.ts'));
    assert.deepEqual(s.diagnostics('/w/stats.ts'), []);
  });

  it('forgets removed files', () => {
    const s = session({ 'stats.ts': STATS, 'use.ts': "import { stats } from './stats';\nstats.nope.inc();" });
    assert.equal(s.diagnostics('/w/use.ts')?.length, 1);
    assert.deepEqual([...s.remove('/w/stats.ts')], ['/w/use.ts']);
    assert.deepEqual(s.diagnostics('/w/use.ts'), []);
  });
});
