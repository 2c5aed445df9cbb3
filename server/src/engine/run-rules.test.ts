import assert from 'node:assert/strict';
import ts from 'typescript';
import { RULES } from '../rules';
import { createFactsRule, createRule } from './create-rule';
import { lintSource } from './lint-source';

const crashingAst = createRule(
  { id: 'crashing-ast', description: 'throws on every call expression', category: 'usage', defaultSeverity: 'error', hasFix: false, messages: { m: 'x' } },
  () => ({
    [ts.SyntaxKind.CallExpression]: () => {
      throw new Error('boom');
    },
  }),
);
const crashingFacts = createFactsRule(
  { id: 'crashing-facts', description: 'throws when checking', category: 'usage', defaultSeverity: 'error', hasFix: false, messages: { m: 'x' } },
  () => {
    throw new Error('bang');
  },
);

describe('rule runner', () => {
  it('isolates crashing rules: each is reported once, the others still report', () => {
    const errors: string[] = [];
    const code = "import { Counter } from 'prom-client';\nnew Counter({ name: 'badName', help: 'x' });\nf(); g(); h();";
    const found = lintSource('/w/a.ts', code, { rules: [crashingAst, crashingFacts, ...RULES], onRuleError: (id) => errors.push(id) });
    assert.deepEqual(errors.sort(), ['crashing-ast', 'crashing-facts']);
    assert.ok(found.some((d) => d.ruleId === 'metric-name-format'));
  });

  it('skips rules set to off', () => {
    const code = "import { Counter } from 'prom-client';\nnew Counter({ name: 'badName', help: 'x' });";
    const found = lintSource('/w/a.ts', code, { config: { settings: { namingStyle: 'prometheus' }, severities: { 'metric-name-format': 'off' }, ruleOptions: {} } });
    assert.ok(!found.some((d) => d.ruleId === 'metric-name-format'));
  });

  it('survives source that does not parse', () => {
    const broken = "import { defineStats, counter } from 'statscope';\nexport const s = defineStats('a', { x: counter({ description: \n\nfunction (( {\n  s.x.inc(\n";
    assert.doesNotThrow(() => lintSource('/w/broken.ts', broken, { onRuleError: (_id, e) => { throw e; } }));
  });
});
