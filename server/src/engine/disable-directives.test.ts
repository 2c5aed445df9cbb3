import assert from 'node:assert/strict';
import { lintSource } from './lint-source';

const CODE = (comment: string): string => `import { Counter } from 'prom-client';\n${comment}\nnew Counter({ name: 'badName', help: '' });\n`;

function rulesAt(code: string): string[] {
  return lintSource('/w/a.ts', code).map((d) => `${d.range.start.line + 1}:${d.ruleId}`);
}

describe('inline disable comments', () => {
  it('reports without a directive', () => {
    assert.ok(rulesAt(CODE('')).includes('3:metric-name-format'));
    assert.ok(rulesAt(CODE('')).includes('3:metric-description-required'));
  });

  it('disables the listed rules on the next line', () => {
    const found = rulesAt(CODE('// statscope-disable-next-line metric-name-format, metric-description-required -- legacy'));
    assert.ok(!found.includes('3:metric-name-format'));
    assert.ok(!found.includes('3:metric-description-required'));
    assert.ok(found.includes('3:counter-total-suffix'), 'other rules still report');
  });

  it('disables every rule on the next line without ids', () => {
    assert.deepEqual(rulesAt(CODE('/* statscope-disable-next-line */')).filter((r) => r.startsWith('3:')), []);
  });

  it('disables the same line with statscope-disable-line', () => {
    const code = "import { Counter } from 'prom-client';\nnew Counter({ name: 'badName', help: 'x' }); // statscope-disable-line metric-name-format\n";
    assert.ok(!rulesAt(code).includes('2:metric-name-format'));
  });

  it('ignores directives inside strings', () => {
    const code = "import { Counter } from 'prom-client';\nconst s = '// statscope-disable-next-line';\nnew Counter({ name: 'badName', help: 'x' });\n";
    assert.ok(rulesAt(code).includes('3:metric-name-format'));
  });
});
