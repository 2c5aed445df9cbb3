/**
 * A lint session: the workspace index plus the per-file results of the AST rules. Feed it file texts;
 * ask it for diagnostics. Pure (no I/O): the language server and the CLI do the reading.
 *
 * Each file is parsed once. AST rules run right after the parse and their results are kept; facts
 * rules run on demand against the current index, so when another file changes only they re-run.
 */
import type * as ts from 'typescript';
import type { RuleSeverity } from '../../../protocol/settings';
import { RULES } from '../rules';
import { exposedNameOf } from './exposed';
import { extractFacts } from './extract-facts';
import { declarationsOf } from './facts';
import type { FileFacts } from './facts';
import { detach } from './detach';
import { parseSource, reparseSource } from './parse';
import { lintPython } from '../python/lint-python';
import { isPythonFileName } from '../python/parse-python';
import type { PythonTree } from '../python/parse-python';
import { runAstRules, runFactsRules, sortDiagnostics } from './run-rules';
import type { RunRulesOptions } from './run-rules';
import type { LintDiagnostic, RuleModule, RuleSettings } from './types';
import { WorkspaceIndex } from './workspace-index';

/** Effective lint configuration. */
export interface LintConfig {
  readonly settings: RuleSettings;
  readonly severities: Readonly<Record<string, RuleSeverity>>;
  readonly ruleOptions: Readonly<Record<string, unknown>>;
}

/** Naming per API, every rule at its default severity. */
export const DEFAULT_LINT_CONFIG: LintConfig = { settings: { namingStyle: 'per-api' }, severities: {}, ruleOptions: {} };

/** Options of a {@link LintSession}. */
export interface LintSessionOptions {
  /** Workspace root (forward slashes), for short file names in messages. */
  readonly root?: string;
  readonly config?: LintConfig;
  readonly rules?: readonly RuleModule[];
  readonly onRuleError?: (ruleId: string, error: unknown, fileName: string) => void;
  /** TypeScript's diagnostics are shown beside these (the editor): see `ReportDescriptor.isAlsoReportedByTypeScript`. */
  readonly besideTypeScript?: boolean;
  /**
   * Called when a file cannot be handled at all (its parse or fact extraction threw, e.g. on nesting deeper
   * than the stack allows). The file is then indexed as empty and skipped; every other file goes on.
   */
  readonly onFileError?: (fileName: string, error: unknown) => void;
}

/** What {@link LintSession.update} parsed and which other files it affects. */
export interface UpdateResult {
  readonly facts: FileFacts;
  /** Other indexed files whose facts-rule results may have changed. */
  readonly dependents: ReadonlySet<string>;
}

/** The workspace index with the lint results of the files being looked at. */
export class LintSession {
  readonly index: WorkspaceIndex;
  private config: LintConfig;
  private readonly rules: readonly RuleModule[];
  private readonly astResults = new Map<string, LintDiagnostic[]>();
  private readonly signatures = new Map<string, number>();
  /** The last tree of each file whose AST results are kept (open documents), for incremental parsing. */
  private readonly trees = new Map<string, ts.SourceFile>();
  /** The same for Python files. */
  private readonly pythonTrees = new Map<string, PythonTree>();

  /** Files whose last extraction failed, so their rules are not run on the same tree. */
  private readonly failed = new Set<string>();
  /** Set by the editor once it knows TypeScript can type statscope in this workspace (its types are installed). */
  besideTypeScript: boolean;

  constructor(private readonly options: LintSessionOptions = {}) {
    this.besideTypeScript = options.besideTypeScript === true;
    this.index = new WorkspaceIndex(options.root ?? '');
    this.config = options.config ?? DEFAULT_LINT_CONFIG;
    this.rules = options.rules ?? RULES;
  }

  get lintConfig(): LintConfig {
    return this.config;
  }

  /** Replaces the configuration. Kept AST results are dropped: lint those files again. */
  setConfig(config: LintConfig): void {
    this.config = config;
    this.astResults.clear();
    this.pythonTrees.clear();
  }

  /**
   * Parses and indexes a file. With `runAstRules`, the AST rules run now and their results are kept
   * for {@link diagnostics}; without, the file is only indexed (a closed file nobody looks at).
   */
  update(fileName: string, text: string, runAst: boolean): UpdateResult {
    if (isPythonFileName(fileName)) return this.updatePython(fileName, text, runAst, true);
    const sourceFile = this.tryParse(fileName, text, runAst ? this.trees.get(fileName) : undefined);
    const facts = this.tryExtract(sourceFile);
    const dependents = this.replaceFacts(fileName, facts);
    if (runAst) {
      this.astResults.set(fileName, this.tryAstRules(sourceFile, facts));
      this.trees.set(fileName, sourceFile);
    } else {
      this.astResults.delete(fileName);
      this.trees.delete(fileName);
    }
    return { facts, dependents };
  }

  /** {@link update} for a Python file: parsed by the Python parser, checked by the Python-side rule checks. */
  private updatePython(fileName: string, text: string, runAst: boolean, withDependents: boolean): UpdateResult {
    const tooDeep = (t: string): string | undefined => (bracketDepth(t, MAX_NESTING) > MAX_NESTING ? `brackets nested more than ${MAX_NESTING} levels deep` : undefined);
    const { facts, diagnostics, tree, error } = lintPython(fileName, text, runAst ? this.pythonTrees.get(fileName) : undefined, runAst ? this.runOptions() : undefined, tooDeep);
    // Like a TypeScript file that cannot be handled: reported once, indexed as empty, every other file goes on.
    if (tree) this.failed.delete(fileName);
    else {
      this.failed.add(fileName);
      this.options.onFileError?.(fileName, error);
    }
    const dependents = withDependents ? this.replaceFacts(fileName, facts) : new Set<string>();
    if (!withDependents) {
      this.index.set(facts);
      this.signatures.set(fileName, signatureOf(facts));
    }
    this.trees.delete(fileName);
    if (runAst) {
      this.astResults.set(fileName, diagnostics);
      if (tree) this.pythonTrees.set(fileName, tree);
      else this.pythonTrees.delete(fileName);
    } else {
      this.astResults.delete(fileName);
      this.pythonTrees.delete(fileName);
    }
    return { facts, dependents };
  }

  /**
   * Bulk loading (the first index of a workspace, the CLI): like {@link update} without working out
   * dependents, which would cost a graph rebuild per new file.
   */
  load(fileName: string, text: string, runAst: boolean): void {
    if (isPythonFileName(fileName)) {
      this.updatePython(fileName, text, runAst, false);
      return;
    }
    const sourceFile = this.tryParse(fileName, text, undefined);
    const facts = this.tryExtract(sourceFile);
    this.index.set(facts);
    this.signatures.set(fileName, signatureOf(facts));
    if (runAst) this.astResults.set(fileName, this.tryAstRules(sourceFile, facts));
    else this.astResults.delete(fileName);
  }

  /** Forgets a file; returns the files whose results may have changed. */
  remove(fileName: string): ReadonlySet<string> {
    const previous = this.index.facts(fileName);
    const dependents = previous ? this.affectedBy(previous) : new Set<string>();
    this.index.delete(fileName);
    this.astResults.delete(fileName);
    this.failed.delete(fileName);
    this.trees.delete(fileName);
    this.pythonTrees.delete(fileName);
    this.signatures.delete(fileName);
    dependents.delete(fileName);
    return dependents;
  }

  /** Drops the kept AST results of a file (it was closed); it stays indexed. */
  forgetResults(fileName: string): void {
    this.astResults.delete(fileName);
    this.trees.delete(fileName);
    // An open Python file's facts share its text (not copied per keystroke); once closed, keep a flat copy.
    const facts = this.pythonTrees.delete(fileName) ? this.index.facts(fileName) : undefined;
    if (facts) this.index.set(detach(facts));
  }

  /** True when the AST results of a file are kept, so {@link diagnostics} is complete for it. */
  hasResults(fileName: string): boolean {
    return this.astResults.has(fileName);
  }

  /** Kept AST results plus fresh facts-rule results, sorted. Undefined for files not indexed. */
  diagnostics(fileName: string): LintDiagnostic[] | undefined {
    const facts = this.index.facts(fileName);
    if (!facts) return undefined;
    const ast = this.astResults.get(fileName) ?? [];
    return sortDiagnostics([...ast, ...runFactsRules(facts, this.index, this.runOptions())]);
  }

  /** Parses a file; on failure, reports it and parses an empty text instead, so the file is skipped. */
  private tryParse(fileName: string, text: string, previous: ts.SourceFile | undefined): ts.SourceFile {
    const depth = bracketDepth(text, MAX_NESTING);
    if (depth > MAX_NESTING) {
      // TypeScript's parser recurses per level and would overflow the stack: say why instead.
      this.options.onFileError?.(fileName, new Error(`brackets nested more than ${MAX_NESTING} levels deep`));
      return parseSource(fileName, '');
    }
    try {
      return previous ? reparseSource(previous, fileName, text) : parseSource(fileName, text);
    } catch (error) {
      this.options.onFileError?.(fileName, error);
      return parseSource(fileName, '');
    }
  }

  /** Extracts a file's facts; on failure, reports it and indexes the file as empty. */
  private tryExtract(sourceFile: ts.SourceFile): FileFacts {
    try {
      const facts = extractFacts(sourceFile);
      this.failed.delete(sourceFile.fileName);
      return facts;
    } catch (error) {
      this.failed.add(sourceFile.fileName);
      this.options.onFileError?.(sourceFile.fileName, error);
      return extractFacts(parseSource(sourceFile.fileName, ''));
    }
  }

  /**
   * The AST rules of a file, each in its own guard; a file whose facts could not be extracted is not walked
   * again (the same depth would break the shared walk), and a walk that breaks anyway is reported as the file's.
   */
  private tryAstRules(sourceFile: ts.SourceFile, facts: FileFacts): LintDiagnostic[] {
    if (this.failed.has(sourceFile.fileName)) return [];
    try {
      return runAstRules(sourceFile, facts, this.runOptions());
    } catch (error) {
      this.options.onFileError?.(sourceFile.fileName, error);
      return [];
    }
  }

  private runOptions(): RunRulesOptions {
    return {
      rules: this.rules,
      settings: this.config.settings,
      severities: this.config.severities,
      ruleOptions: this.config.ruleOptions,
      ...(this.besideTypeScript ? { besideTypeScript: true } : {}),
      ...(this.options.onRuleError ? { onRuleError: this.options.onRuleError } : {}),
    };
  }

  private replaceFacts(fileName: string, facts: FileFacts): Set<string> {
    const previous = this.index.facts(fileName);
    const signature = signatureOf(facts);
    const isSame = previous !== undefined && this.signatures.get(fileName) === signature;
    const before = previous && !isSame ? this.affectedBy(previous) : new Set<string>();
    this.index.set(facts);
    this.signatures.set(fileName, signature);
    if (isSame) return new Set();
    for (const f of this.affectedBy(facts)) before.add(f);
    before.delete(fileName);
    return before;
  }

  /** Files whose facts-rule results can depend on these facts. */
  private affectedBy(facts: FileFacts): Set<string> {
    const affected = new Set<string>(this.index.transitiveImporters(facts.fileName));
    for (const use of facts.uses) {
      const resolved = this.index.resolveUse(facts.fileName, use);
      if (resolved) affected.add(resolved.target.fileName);
    }
    for (const name of facts.escapes) {
      const target = this.index.resolveBinding(facts.fileName, name);
      if (target) affected.add(target.fileName);
    }
    for (const decl of declarationsOf(facts)) {
      const exposed = exposedNameOf(decl);
      if (exposed !== undefined) for (const site of this.index.declarationsExposedAs(exposed)) affected.add(site.fileName);
    }
    return affected;
  }
}

/**
 * What other files can observe of a file's facts (everything but positions, declaration lines aside), as a
 * 53-bit hash: keeping the text for every file would cost megabytes. A collision would only skip re-linting
 * dependents once.
 */
function signatureOf(facts: FileFacts): number {
  return hash53(signatureText(facts));
}

/** cyrb53: a fast, well-mixed 53-bit string hash. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function signatureText(facts: FileFacts): string {
  const decl = (d: FileFacts['rawMetrics'][number]): unknown[] => [
    d.api,
    d.kind,
    d.name,
    d.nameRange.start.line,
    d.unit?.value,
    d.labels?.names,
    d.description?.value,
    d.local,
    d.component,
  ];
  return JSON.stringify([
    facts.imports.map((i) => [i.local, i.imported, i.from]),
    facts.exports,
    facts.reExports,
    facts.starExports,
    facts.constants,
    facts.structs.map((s) => [s.local, s.component.value, s.isOpen, s.metrics.map(decl)]),
    facts.rawMetrics.map(decl),
    facts.uses.map((u) => [u.receiver, u.handleMembers, u.members.map((m) => [m.name, m.args?.map((a) => a.objectKeys)])]),
    facts.escapes,
  ]);
}

/** Deeper bracket nesting than this is generated data, not code; parsing it could overflow the stack. */
const MAX_NESTING = 400;

/** The deepest bracket nesting of a text, counted up to just past `limit` (strings and comments count too: a bound, not a parse). */
function bracketDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}
