import assert from 'node:assert/strict';
import { applyEdits, lintSource } from './lint-source';
import type { RuleModule, RuleSettings } from './types';

export interface ValidCase {
  readonly code: string;
  readonly settings?: RuleSettings;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly {
    readonly messageId: string;
    /** One-based line and column, as editors show them. */
    readonly line: number;
    readonly column: number;
  }[];
  /** The file after applying every fix; omit when the rule offers none for this case. */
  readonly output?: string;
}

/** Table-driven rule tests on in-memory sources (never the disk). Call inside a mocha `describe`. */
export function testRule(rule: RuleModule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  const lint = (c: ValidCase) =>
    lintSource('case.ts', c.code, {
      rules: [rule],
      settings: c.settings ?? { namingStyle: 'prometheus' },
      onRuleError: (_id, error) => {
        throw error;
      },
    });

  for (const c of cases.valid) {
    it(`valid: ${oneLine(c.code)}`, () => {
      assert.deepEqual(lint(c).map((d) => d.message), []);
    });
  }
  for (const c of cases.invalid) {
    it(`invalid: ${oneLine(c.code)}`, () => {
      const diagnostics = lint(c);
      assert.deepEqual(
        diagnostics.map((d) => ({ messageId: d.messageId, line: d.range.start.line + 1, column: d.range.start.character + 1 })),
        c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column })),
      );
      for (const d of diagnostics) assert.ok(rule.meta.messages[d.messageId], `unknown messageId ${d.messageId}`);
      const edits = diagnostics.flatMap((d) => d.fix?.edits ?? []);
      if (c.output !== undefined) assert.equal(applyEdits(c.code, edits), c.output);
      else assert.equal(edits.length, 0, 'a fix was offered but the case has no output');
    });
  }
}

function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}
