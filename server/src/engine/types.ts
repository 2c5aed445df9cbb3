import type * as ts from 'typescript';
import type { NamingStyle, RuleSeverity } from '../../../protocol/settings';

/** Severity a rule reports with once configuration is applied ('off' rules never run). */
export type Severity = Exclude<RuleSeverity, 'off'>;

/** Zero-based position, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A text replacement inside the linted file. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface LintDiagnostic {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly fix?: Fix;
}

/** What a rule sees of the linter's settings. */
export interface RuleSettings {
  readonly namingStyle: NamingStyle;
}

export interface ReportDescriptor {
  readonly node: ts.Node;
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly fix?: { readonly title: string; readonly edits: readonly { readonly node: ts.Node; readonly newText: string }[] };
}

export interface RuleContext {
  readonly sourceFile: ts.SourceFile;
  readonly settings: RuleSettings;
  report(descriptor: ReportDescriptor): void;
}

/** Visitors keyed by syntax kind; each is called for every node of that kind. */
export type RuleVisitors = Partial<Record<ts.SyntaxKind, (node: ts.Node) => void>>;

export interface RuleMeta {
  readonly id: string;
  readonly description: string;
  readonly category: 'naming' | 'units' | 'declaration' | 'usage' | 'cardinality' | 'tracing';
  readonly defaultSeverity: Severity;
  readonly messages: Readonly<Record<string, string>>;
  readonly docsUrl: string;
  readonly hasFix: boolean;
}

export interface RuleModule {
  readonly meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}
