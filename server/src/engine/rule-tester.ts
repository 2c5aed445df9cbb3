import assert from 'node:assert/strict';
import { posix } from 'node:path';
import type { NamingStyle, RuleSeverity } from '../../../protocol/settings';
import { lintSource } from './lint-source';
import { applyEdits } from './text-edits';
import type { LintDiagnostic, RuleModule, TextEdit } from './types';

/** The directory the in-memory test workspace lives in. */
export const TEST_ROOT = '/workspace';

/** A case where the rule reports nothing. */
export interface ValidCase {
  readonly code: string;
  /** File name relative to the test workspace (default `case.ts`). */
  readonly filename?: string;
  readonly namingStyle?: NamingStyle;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The rule's severity as configuration sets it explicitly (default: not configured). */
  readonly severity?: RuleSeverity;
  /** Other files of the workspace, relative names → text. */
  readonly files?: Readonly<Record<string, string>>;
}

/** One diagnostic an invalid case expects, in order. */
export interface ExpectedError {
  readonly messageId: string;
  /** One-based line and column, as editors show them. */
  readonly line: number;
  readonly column: number;
  /** Expected message text, when the case wants to pin it. */
  readonly message?: string;
}

/** A case where the rule reports, with the fix output when it offers one. */
export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** The file after applying every fix; omit when the rule offers none for this case. */
  readonly output?: string;
  /** Other files after applying every fix (relative names), for fixes that edit across the workspace. */
  readonly otherOutputs?: Readonly<Record<string, string>>;
}

/** Table-driven rule tests on in-memory sources (never the disk). Call inside a mocha `describe`. */
export function assertRuleCases(rule: RuleModule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  for (const c of cases.valid) {
    it(`valid: ${oneLine(c.code)}`, () => {
      assert.deepEqual(lint(rule, c).map((d) => d.message), []);
    });
  }
  for (const c of cases.invalid) {
    it(`invalid: ${oneLine(c.code)}`, () => {
      const diagnostics = lint(rule, c);
      assert.deepEqual(
        diagnostics.map((d) => ({ messageId: d.messageId, line: d.range.start.line + 1, column: d.range.start.character + 1 })),
        c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column })),
      );
      c.errors.forEach((e, i) => {
        if (e.message !== undefined) assert.equal(diagnostics[i]?.message, e.message);
      });
      for (const d of diagnostics) assert.ok(rule.meta.messages[d.messageId], `unknown messageId ${d.messageId}`);
      checkFixes(rule, c, diagnostics);
    });
  }
}

function lint(rule: RuleModule, c: ValidCase): LintDiagnostic[] {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(c.files ?? {})) files[posix.join(TEST_ROOT, name)] = text;
  return lintSource(posix.join(TEST_ROOT, c.filename ?? 'case.ts'), c.code, {
    rules: [rule],
    root: TEST_ROOT,
    files,
    config: {
      settings: { namingStyle: c.namingStyle ?? 'per-api' },
      severities: c.severity === undefined ? {} : { [rule.meta.id]: c.severity },
      ruleOptions: c.options ? { [rule.meta.id]: c.options } : {},
    },
    onRuleError: (_id, error) => {
      throw error;
    },
  });
}

function checkFixes(rule: RuleModule, c: InvalidCase, diagnostics: readonly LintDiagnostic[]): void {
  const edits = uniqueEdits(diagnostics.flatMap((d) => d.fix?.edits ?? []));
  const mine = edits.filter((e) => e.fileName === undefined);
  if (c.output !== undefined) assert.equal(applyEdits(c.code, mine), c.output);
  else assert.equal(edits.length, 0, `${rule.meta.id} offered a fix but the case has no output`);
  for (const [name, expected] of Object.entries(c.otherOutputs ?? {})) {
    const text = c.files?.[name];
    assert.ok(text !== undefined, `otherOutputs names ${name}, which is not in files`);
    const theirs = edits.filter((e) => e.fileName === posix.join(TEST_ROOT, name));
    assert.equal(applyEdits(text, theirs), expected);
  }
}

/** The same edit offered by several diagnostics is applied once. */
function uniqueEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

/**
 * One-line preludes that make a case's calls provably telemetry, as in real files: the rules act only on
 * receivers that come from statscope, prom-client or @opentelemetry/api. Each ends in a newline.
 */
export const PRELUDE = {
  statscope: "import { defineStats, counter, gauge, histogram, startSpan, withSpan, traced } from 'statscope';\n",
  otelApi: "import { metrics, trace, SpanStatusCode } from '@opentelemetry/api';\n",
  meter: "const meter = metrics.getMeter('test');\n",
  tracer: "const tracer = trace.getTracer('test');\n",
} as const;
