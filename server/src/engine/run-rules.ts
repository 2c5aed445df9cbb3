import ts from 'typescript';
import type { RuleSeverity } from '../../../protocol/settings';
import { rangeOf } from './ast-utils';
import { formatMessage } from './create-rule';
import { isDisabled } from './disable-directives';
import type { FileFacts } from './facts';
import { resolveOptions } from './rule-options';
import type {
  AstRuleModule,
  EditDescriptor,
  FactsRuleModule,
  LintDiagnostic,
  Range,
  ReportDescriptor,
  RuleModule,
  RuleSettings,
  RuleVisitors,
  Severity,
  TextEdit,
} from './types';
import type { WorkspaceView } from './workspace-view';
import { MAX_WALK_DEPTH } from './walk-depth';

/** Which rules run, with which settings, severities and options. */
export interface RunRulesOptions {
  readonly rules: readonly RuleModule[];
  readonly settings: RuleSettings;
  /** Severity per rule id after configuration; rules missing here use their default. */
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  /** Raw options per rule id from configuration; validated against each rule's schema. */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  /** Where TypeScript's own diagnostics are shown too (the editor): findings TypeScript also reports become hints. */
  readonly besideTypeScript?: boolean;
  /** Called the first time a rule throws on a file (per run), with the file it failed on. */
  readonly onRuleError?: (ruleId: string, error: unknown, fileName: string) => void;
}

interface Active<R> {
  readonly rule: R;
  readonly severity: Severity;
  readonly options: unknown;
}

export function activeRules<R extends RuleModule>(rules: readonly R[], options: RunRulesOptions): Active<R>[] {
  const active: Active<R>[] = [];
  for (const rule of rules) {
    const severity = options.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    active.push({ rule, severity, options: resolveOptions(rule.meta, options.ruleOptions?.[rule.meta.id]) });
  }
  return active;
}

/**
 * Runs the AST rules over one parsed file in a single walk. Each rule runs inside its own guard: a rule
 * that throws is disabled for the rest of this file and reported through `onRuleError`; the other rules
 * still report.
 */
export function runAstRules(sourceFile: ts.SourceFile, facts: FileFacts, options: RunRulesOptions): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  const failed = new Set<string>();
  const fail = guard(failed, options, facts.fileName);
  const walkers: { id: string; visitors: RuleVisitors }[] = [];
  const astRules = options.rules.filter((r): r is AstRuleModule<unknown> => r.kind === 'ast');
  for (const { rule, severity, options: ruleOptions } of activeRules(astRules, options)) {
    const sink = reporter(rule.meta, severity, facts, diagnostics, (node) => rangeOf(sourceFile, node), options.besideTypeScript === true);
    try {
      const visitors = rule.create({ sourceFile, facts, fileName: facts.fileName, settings: options.settings, options: ruleOptions, report: sink });
      walkers.push({ id: rule.meta.id, visitors });
    } catch (error) {
      fail(rule.meta.id, error);
    }
  }
  if (walkers.length === 0) return diagnostics;
  // Dispatch table: for each syntax kind, the visitors that want it (most kinds have none).
  const byKind: { id: string; visitor: (node: ts.Node) => void }[][] = [];
  for (const { id, visitors } of walkers) {
    for (const [kind, visitor] of Object.entries(visitors)) (byKind[Number(kind)] ??= []).push({ id, visitor });
  }
  const visit = (node: ts.Node): void => {
    const list = byKind[node.kind];
    if (list) {
      for (const { id, visitor } of list) {
        if (failed.has(id)) continue;
        try {
          visitor(node);
        } catch (error) {
          fail(id, error);
        }
      }
    }
    if (depth >= MAX_WALK_DEPTH) return;
    depth++;
    ts.forEachChild(node, visit);
    depth--;
  };
  let depth = 0;
  visit(sourceFile);
  return diagnostics;
}

/** Runs the facts rules of one file against the workspace index, each inside its own guard. */
export function runFactsRules(facts: FileFacts, workspace: WorkspaceView, options: RunRulesOptions): LintDiagnostic[] {
  const diagnostics: LintDiagnostic[] = [];
  const fail = guard(new Set(), options, facts.fileName);
  const factsRules = options.rules.filter((r): r is FactsRuleModule<unknown> => r.kind === 'facts');
  for (const { rule, severity, options: ruleOptions } of activeRules(factsRules, options)) {
    if (rule.meta.isAdoptionPolicy && options.severities?.[rule.meta.id] === undefined && !workspace.usesStatscope()) continue;
    const sink = reporter(
      rule.meta,
      severity,
      facts,
      diagnostics,
      () => {
        throw new Error(`facts rule ${rule.meta.id} reported a node; facts rules report ranges`);
      },
      options.besideTypeScript === true,
    );
    try {
      rule.check({ facts, workspace, fileName: facts.fileName, settings: options.settings, options: ruleOptions, report: sink });
    } catch (error) {
      fail(rule.meta.id, error);
    }
  }
  return diagnostics;
}

function guard(failed: Set<string>, options: RunRulesOptions, fileName: string): (id: string, error: unknown) => void {
  return (id, error) => {
    if (failed.has(id)) return;
    failed.add(id);
    options.onRuleError?.(id, error, fileName);
  };
}

export function reporter(
  meta: RuleModule['meta'],
  severity: Severity,
  facts: FileFacts,
  sink: LintDiagnostic[],
  nodeRange: (node: ts.Node) => Range,
  besideTypeScript: boolean,
): (d: ReportDescriptor) => void {
  return (d) => {
    const template = meta.messages[d.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} has no message '${d.messageId}'`);
    const range = d.range ?? (d.node ? nodeRange(d.node) : undefined);
    if (!range) throw new Error(`rule ${meta.id} reported without a node or range`);
    if (isDisabled(facts.disabled, meta.id, range.start.line)) return;
    const toEdit = (e: EditDescriptor): TextEdit =>
      'node' in e ? { range: nodeRange(e.node), newText: e.newText } : { range: e.range, newText: e.newText, ...(e.fileName !== undefined && e.fileName !== facts.fileName ? { fileName: e.fileName } : {}) };
    sink.push({
      ruleId: meta.id,
      messageId: d.messageId,
      message: formatMessage(template, d.data),
      severity: besideTypeScript && d.isAlsoReportedByTypeScript === true ? 'hint' : severity,
      range,
      ...(d.fix ? { fix: { title: d.fix.title, edits: d.fix.edits.map(toEdit) } } : {}),
      ...(d.related && d.related.length > 0 ? { related: d.related } : {}),
    });
  };
}

/** Sorts diagnostics by position, then rule id: stable output for editors, CLI and tests. */
export function sortDiagnostics(list: LintDiagnostic[]): LintDiagnostic[] {
  return list.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
