import * as ts from 'typescript';
import { formatMessage } from './create-rule';
import type { LintDiagnostic, Range, ReportDescriptor, RuleModule, RuleSettings, RuleVisitors, Severity } from './types';

export interface RunRulesOptions {
  readonly rules: readonly RuleModule[];
  readonly settings: RuleSettings;
  /** Severity per rule id after configuration; rules missing here use their default. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Called once per rule id the first time that rule throws. */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}

/**
 * Runs the rules over one parsed file in a single AST walk. Each rule runs inside its own guard:
 * a rule that throws is disabled for the rest of this file and reported through `onRuleError`,
 * the other rules still report.
 */
export function runRules(sourceFile: ts.SourceFile, options: RunRulesOptions): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  const active: { rule: RuleModule; visitors: RuleVisitors }[] = [];
  const failed = new Set<string>();
  const fail = (rule: RuleModule, error: unknown): void => {
    if (failed.has(rule.meta.id)) return;
    failed.add(rule.meta.id);
    options.onRuleError?.(rule.meta.id, error);
  };

  for (const rule of options.rules) {
    const severity = options.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const report = (d: ReportDescriptor): void => {
      diagnostics.push(toDiagnostic(sourceFile, rule, severity, d));
    };
    try {
      active.push({ rule, visitors: rule.create({ sourceFile, settings: options.settings, report }) });
    } catch (error) {
      fail(rule, error);
    }
  }

  const visit = (node: ts.Node): void => {
    for (const { rule, visitors } of active) {
      const visitor = visitors[node.kind];
      if (!visitor || failed.has(rule.meta.id)) continue;
      try {
        visitor(node);
      } catch (error) {
        fail(rule, error);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return diagnostics;
}

function toDiagnostic(sourceFile: ts.SourceFile, rule: RuleModule, severity: Severity, d: ReportDescriptor): LintDiagnostic {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message '${d.messageId}'`);
  const base = {
    ruleId: rule.meta.id,
    messageId: d.messageId,
    message: formatMessage(template, d.data),
    severity,
    range: nodeRange(sourceFile, d.node),
  };
  if (!d.fix) return base;
  const edits = d.fix.edits.map((e) => ({ range: nodeRange(sourceFile, e.node), newText: e.newText }));
  return { ...base, fix: { title: d.fix.title, edits } };
}

/** The LSP range of a node, without its leading trivia. */
export function nodeRange(sourceFile: ts.SourceFile, node: ts.Node): Range {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { start, end };
}
