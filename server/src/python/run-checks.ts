/**
 * Runs the Python-side checks of the rules that read the syntax tree (the TypeScript ones walk the TypeScript
 * AST): each under its rule's id, severity, options and disable directives, each in its own guard.
 */
import { declarationsOf } from '../engine/facts';
import type { FileFacts } from '../engine/facts';
import { activeRules, reporter } from '../engine/run-rules';
import type { RunRulesOptions } from '../engine/run-rules';
import type { LintDiagnostic, ReportDescriptor } from '../engine/types';
import { isIdLike } from '../engine/unbounded';
import type { PythonApis } from './apis';
import { pythonApisOf } from './extract-facts';
import type { PythonNodes } from './extract-facts';
import type { PythonTree } from './parse-python';
import { checkExceptionsRecorded, checkSpanNames, checkSpansEnded, spanStarts } from './span-checks';
import { checkLabelValues } from './label-values';

/** What a Python check sees. */
export interface PythonCheckContext {
  readonly file: PythonTree;
  readonly nodes: PythonNodes;
  readonly facts: FileFacts;
  readonly options: unknown;
  report(descriptor: ReportDescriptor): void;
}

type Starts = ReturnType<typeof spanStarts>;

/** The checks, by the rule id they report under. */
const CHECKS: ReadonlyMap<string, (ctx: PythonCheckContext, starts: Starts) => void> = new Map([
  ['span-not-ended', checkSpansEnded],
  ['span-error-not-recorded', checkExceptionsRecorded],
  ['span-name-format', checkSpanNames],
  ['unbounded-label-value', (ctx: PythonCheckContext) => {
    checkLabelNames(ctx);
    checkLabelValues(ctx);
  }],
]);

/** Runs every active Python check of a file. */
export function runPythonChecks(file: PythonTree, nodes: PythonNodes, facts: FileFacts, options: RunRulesOptions, apis: PythonApis = pythonApisOf(file, nodes)): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  const starts = spanStarts(file, nodes.calls, nodes.decorators, apis);
  const ids = new Set(CHECKS.keys());
  for (const { rule, severity, options: ruleOptions } of activeRules(options.rules.filter((r) => ids.has(r.meta.id)), options)) {
    const check = CHECKS.get(rule.meta.id);
    if (!check) continue;
    const report = reporter(rule.meta, severity, facts, diagnostics, () => {
      throw new Error(`Python check ${rule.meta.id} reported a TypeScript node`);
    }, false);
    try {
      check({ file, nodes, facts, options: ruleOptions, report }, starts);
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error, facts.fileName);
    }
  }
  return diagnostics;
}

/** The allowed labels of unbounded-label-value's options. */
export function allowedLabels(options: unknown): ReadonlySet<string> {
  const allow = (options as { allowLabels?: unknown } | undefined)?.allowLabels; // the rule's validated options object
  return new Set(Array.isArray(allow) ? allow.filter((a): a is string => typeof a === 'string') : []);
}

/** Declared label names that hold per-entity values (`user_id`, `url`). */
function checkLabelNames(ctx: PythonCheckContext): void {
  const allowed = allowedLabels(ctx.options);
  for (const decl of declarationsOf(ctx.facts)) {
    decl.labels?.names.forEach((name, i) => {
      const range = decl.labels?.ranges[i];
      if (name !== undefined && range && !allowed.has(name) && isIdLike(name)) ctx.report({ range, messageId: 'unboundedName', data: { label: name } });
    });
  }
}
