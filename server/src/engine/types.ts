import type * as ts from 'typescript';
import type { NamingStyle, RuleSeverity } from '../../../protocol/settings';
import type { FileFacts } from './facts';
import type { Range } from './range';
import type { WorkspaceView } from './workspace-view';

/** Severity a rule reports with once configuration is applied ('off' rules never run). */
export type Severity = Exclude<RuleSeverity, 'off'>;

export type { Position, Range } from './range';

/** A text replacement. `fileName` is set when the edit targets another file than the linted one. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
  readonly fileName?: string;
}

/** A quick fix: a title and its edits. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** Another place that explains a diagnostic (the other declaration of a duplicate, the struct of a use). */
export interface RelatedLocation {
  readonly fileName: string;
  readonly range: Range;
  readonly message: string;
}

/** One finding of a rule, with positions in the linted file. */
export interface LintDiagnostic {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly fix?: Fix;
  readonly related?: readonly RelatedLocation[];
}

/** What a rule sees of the linter's settings. */
export interface RuleSettings {
  readonly namingStyle: NamingStyle;
}

/** An edit a rule proposes: on a node of the linted file, or on a range (of this or another file). */
export type EditDescriptor =
  | { readonly node: ts.Node; readonly newText: string }
  | { readonly range: Range; readonly newText: string; readonly fileName?: string };

/** What a rule passes to `context.report`. */
export interface ReportDescriptor {
  /** Where to report: a node of the linted file (AST rules) or a range (facts rules). */
  readonly node?: ts.Node;
  readonly range?: Range;
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly fix?: { readonly title: string; readonly edits: readonly EditDescriptor[] };
  readonly related?: readonly RelatedLocation[];
  /**
   * TypeScript itself reports the same problem here (a unit outside the declared union, an undeclared struct
   * key, a wrong label key): where its diagnostics are shown too (the editor), this one becomes a hint, so the
   * problem is underlined once and the quick fix stays available.
   */
  readonly isAlsoReportedByTypeScript?: boolean;
}

/** What every rule gets. */
export interface BaseRuleContext<O> {
  readonly fileName: string;
  readonly settings: RuleSettings;
  /** The rule's options: its defaults merged with what the configuration gives. */
  readonly options: O;
  /** Facts extracted from the linted file in the shared walk (declarations, uses, imports). */
  readonly facts: FileFacts;
  report(descriptor: ReportDescriptor): void;
}

/** Context of an AST rule: the parsed file; never the workspace (so AST results stay per-file). */
export interface RuleContext<O = Readonly<Record<string, never>>> extends BaseRuleContext<O> {
  readonly sourceFile: ts.SourceFile;
}

/** Context of a facts rule: the file's facts and a read-only view of the workspace index, no AST. */
export interface FactsRuleContext<O = Readonly<Record<string, never>>> extends BaseRuleContext<O> {
  readonly workspace: WorkspaceView;
}

/** Visitors keyed by syntax kind; each is called for every node of that kind, in one shared walk. */
export type RuleVisitors = Partial<Record<ts.SyntaxKind, (node: ts.Node) => void>>;

/** A rule option schema: the small JSON-schema subset the options validator understands. */
export type OptionSchema =
  | { readonly type: 'string'; readonly enum?: readonly string[]; readonly description?: string }
  | { readonly type: 'boolean'; readonly description?: string }
  | { readonly type: 'number'; readonly description?: string }
  | { readonly type: 'array'; readonly items: OptionSchema; readonly description?: string };

/** The options a rule accepts: their schema and defaults. */
export interface RuleOptionsMeta<O> {
  /** JSON schema of each option (an object schema with these properties, no others). */
  readonly schema: Readonly<Record<string, OptionSchema>>;
  readonly defaults: O;
}

/** What a rule is about (SARIF tags, docs grouping). */
export type RuleCategory = 'naming' | 'units' | 'declaration' | 'usage' | 'cardinality' | 'tracing';

/** A rule's metadata; `docsUrl` is derived from the id. */
export interface RuleMeta<O = unknown> {
  readonly id: string;
  readonly description: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  /** Message id mapped to a template with `{{name}}` placeholders. */
  readonly messages: Readonly<Record<string, string>>;
  readonly docsUrl: string;
  readonly hasFix: boolean;
  readonly options?: RuleOptionsMeta<O>;
  /**
   * An adoption-policy rule (use statscope instead of raw clients): it runs only in workspaces that use the
   * statscope runtime, or where the configuration sets its severity explicitly.
   */
  readonly isAdoptionPolicy?: boolean;
}

/** A rule that walks the file's AST. */
export interface AstRuleModule<O = unknown> {
  readonly kind: 'ast';
  readonly meta: RuleMeta<O>;
  create(context: RuleContext<O>): RuleVisitors;
}

/** A rule over the file's extracted facts and the workspace index; runs without the AST. */
export interface FactsRuleModule<O = unknown> {
  readonly kind: 'facts';
  readonly meta: RuleMeta<O>;
  check(context: FactsRuleContext<O>): void;
}

/** Any rule; the runner hands each its own options type (method parameters are checked bivariantly). */
export type RuleModule = AstRuleModule<unknown> | FactsRuleModule<unknown>;
