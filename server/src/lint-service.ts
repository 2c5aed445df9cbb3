/**
 * Keeps the lint session in step with the editor and the disk: open documents, files changed on disk,
 * the config file, and which files' diagnostics must be published again after a change. Knows nothing
 * of the LSP connection: it publishes through its host.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_SETTINGS } from '../../protocol/settings';
import type { StatscopeSettings } from '../../protocol/settings';
import { EMPTY_FILE_CONFIG, effectiveConfig, parseConfigFile } from './engine/config';
import type { FileLintConfig } from './engine/config';
import { matchesAny } from './engine/glob';
import { LintSession } from './engine/lint-session';
import { isLintableFileName } from './engine/parse';
import { RULES } from './rules';
import type { FileFacts } from './engine/facts';
import { boundedValuesByType, metersByType } from './engine/type-fallback';
import type { LintDiagnostic, RuleModule } from './engine/types';
import { uriToFileName } from './uris';
import { dependsOnStatscope, findSourceFiles, hasStatscopeTypes, isBinary, MAX_FILE_BYTES, readSourceText } from './workspace-files';

/** How the service reaches the editor: publishing diagnostics and logging. */
export interface LintServiceHost {
  /** Publishes a file's diagnostics (an empty list clears them). */
  publish(fileName: string, diagnostics: readonly LintDiagnostic[], version: number | undefined): void;
  log(message: string): void;
  error(message: string): void;
}

interface OpenDocument {
  readonly version: number;
  readonly text: string;
}

/** How many files are indexed between yields to the event loop while indexing. */
const INDEX_BATCH = 25;

/** Keeps the lint session in step with open documents, the disk and the configuration. */
export class LintService {
  readonly session: LintSession;
  private readonly open = new Map<string, OpenDocument>();
  /** Closed files whose diagnostics were published (Lint Workspace) and so must stay current. */
  private readonly published = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setImmediate>>();
  private settings: StatscopeSettings = DEFAULT_SETTINGS;
  private fileConfig: FileLintConfig = EMPTY_FILE_CONFIG;
  /** Label values the type checker found bounded, per open file, until it is edited (`line:character` keys). */
  private readonly typedBounded = new Map<string, ReadonlySet<string>>();
  /** Open documents too heavy to lint per keystroke, already said so in the output channel. */
  private readonly savedOnly = new Set<string>();
  private readonly reportedErrors = new Set<string>();
  private readonly skipped = new Set<string>();
  /** Disk changes are applied in order; workspace-wide requests wait for them. */
  private diskWork: Promise<void> = Promise.resolve();

  /**
   * @param roots Workspace folders as forward-slash paths.
   * @param rules The rules to run (default: all of them).
   */
  constructor(
    private readonly roots: readonly string[],
    private readonly host: LintServiceHost,
    rules?: readonly RuleModule[],
  ) {
    this.session = new LintSession({
      root: roots[0] ?? '',
      ...(rules ? { rules } : {}),
      onRuleError: (ruleId, error, fileName) => this.onRuleError(ruleId, error, fileName),
      onFileError: (fileName, error) => this.onFileError(fileName, error),
    });
  }

  get isEnabled(): boolean {
    return this.settings.lint.enable;
  }

  /** Indexes every source file of the workspace folders; open documents keep their editor text. */
  async indexWorkspace(): Promise<{ files: number }> {
    let count = 0;
    const adopted = await Promise.all(this.roots.map((root) => dependsOnStatscope(root)));
    this.session.index.dependsOnStatscope = adopted.some((a) => a);
    // TypeScript reports wrong units, keys and labels of statscope structs only where it can resolve the types.
    this.session.besideTypeScript = (await Promise.all(this.roots.map((root) => hasStatscopeTypes(root)))).some((t) => t);
    for (const root of this.roots) {
      const files = await findSourceFiles(root, { ignore: this.fileConfig.ignore });
      for (const fileName of files) {
        if (this.open.has(fileName)) continue;
        const read = await readSourceText(fileName);
        if ('text' in read) this.session.load(fileName, read.text, false);
        if (++count % INDEX_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    this.confirmMetersByType(this.session.index.allFacts());
    this.relintTracked();
    return { files: this.session.index.size };
  }

  /** The type checker's answer for instrument calls on receivers syntax could not decide (see type-fallback.ts). */
  private confirmMetersByType(files: Iterable<FileFacts>): void {
    try {
      const texts = new Map([...this.open].map(([fileName, doc]) => [fileName, doc.text]));
      for (const [fileName, starts] of metersByType(files, texts)) this.session.index.confirmMeters(fileName, starts);
    } catch (error) {
      this.host.error(`type information for undecided meters failed: ${errorText(error)}`);
    }
  }

  /** Reads `statscope.config.json` at the first root; returns the problems found in it. */
  async loadConfigFile(): Promise<readonly string[]> {
    const root = this.roots[0];
    const text = root === undefined ? undefined : await readFile(join(root, CONFIG_FILE_NAME), 'utf8').catch(() => undefined);
    const parsed = text === undefined ? { config: EMPTY_FILE_CONFIG, problems: [] } : parseConfigFile(text, RULES);
    this.fileConfig = parsed.config;
    this.applyConfig();
    return parsed.problems;
  }

  setSettings(settings: StatscopeSettings): void {
    this.settings = settings;
    this.applyConfig();
  }

  /**
   * A document was opened or edited: lint it on the next turn (edits in the same turn coalesce). A heavy
   * document (large, or minified with very long lines) is linted when opened and saved only, so keystroke
   * latency does not grow with it; the output channel says so once.
   */
  didChange(fileName: string, version: number, text: string): void {
    const isOpening = !this.open.has(fileName);
    this.open.set(fileName, { version, text });
    // The type checker's answers hold for the text they were given: positions move with edits.
    if (!isOpening) this.typedBounded.delete(fileName);
    if (!isOpening && isHeavy(text)) {
      if (!this.savedOnly.has(fileName)) this.host.log(`linting ${this.relative(fileName)} when opened and saved only: ${describeHeavy(text)}`);
      this.savedOnly.add(fileName);
      return;
    }
    const previous = this.pending.get(fileName);
    if (previous) clearImmediate(previous);
    this.pending.set(
      fileName,
      setImmediate(() => {
        this.pending.delete(fileName);
        this.lintOpen(fileName);
      }),
    );
  }

  /** A document was saved: a heavy document is linted now (others already were, as they were typed). */
  didSave(fileName: string): void {
    if (!this.open.has(fileName)) return;
    // Edits drop the type checker's answers for a file; saving asks again (only when it has such calls).
    this.lintOpen(fileName);
    const facts = this.session.index.facts(fileName);
    const hasPending = facts?.pendingInstrumentCalls?.some((c) => c.receiver === undefined) === true;
    if (hasPending && facts) this.confirmMetersByType([facts]);
    if (this.checkLabelTypes(fileName) || hasPending) this.publishFile(fileName);
  }

  /** A document was closed: its disk text replaces the editor text in the index. */
  async didClose(fileName: string): Promise<void> {
    this.open.delete(fileName);
    const timer = this.pending.get(fileName);
    if (timer) clearImmediate(timer);
    this.pending.delete(fileName);
    this.session.forgetResults(fileName);
    this.host.publish(fileName, [], undefined);
    this.published.delete(fileName);
    const inWorkspace = this.isInWorkspace(fileName);
    const read = inWorkspace ? await readSourceText(fileName) : undefined;
    const dependents = read && 'text' in read ? this.session.update(fileName, read.text, false).dependents : this.session.remove(fileName);
    this.republish(dependents);
  }

  /** A file changed on disk (watcher). Open documents are owned by the editor and ignored. */
  didChangeOnDisk(fileName: string, isDeleted: boolean): Promise<void> {
    this.diskWork = this.diskWork.then(() => this.applyDiskChange(fileName, isDeleted)).catch((error: unknown) => this.host.error(`re-reading ${fileName} failed: ${String(error)}`));
    return this.diskWork;
  }

  private async applyDiskChange(fileName: string, isDeleted: boolean): Promise<void> {
    if (this.open.has(fileName) || !isLintableFileName(fileName) || !this.isInWorkspace(fileName)) return;
    if (matchesAny(this.relative(fileName), this.fileConfig.ignore)) return;
    const read = isDeleted ? undefined : await readSourceText(fileName);
    const isTracked = this.published.has(fileName);
    const dependents = read && 'text' in read ? this.session.update(fileName, read.text, isTracked).dependents : this.session.remove(fileName);
    if (isTracked) this.publishFile(fileName);
    this.republish(dependents);
  }

  /** Lints every indexed file and publishes the results; returns counts. */
  async lintWorkspace(): Promise<{ files: number; diagnostics: number }> {
    await this.diskWork;
    let diagnostics = 0;
    let files = 0;
    for (const fileName of [...this.session.index.fileNames()]) {
      if (!this.open.has(fileName)) {
        const read = await readSourceText(fileName);
        if (!('text' in read)) continue;
        this.session.load(fileName, read.text, true);
        this.published.add(fileName);
      }
      const list = this.isEnabled ? (this.session.diagnostics(fileName) ?? []) : [];
      this.host.publish(fileName, list, this.open.get(fileName)?.version);
      diagnostics += list.length;
      files++;
      if (files % INDEX_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { files, diagnostics };
  }

  /** Lints a document now if an edit is still waiting, so requests see the current text. */
  flush(fileName: string): void {
    const timer = this.pending.get(fileName);
    if (!timer) return;
    clearImmediate(timer);
    this.pending.delete(fileName);
    this.lintOpen(fileName);
  }

  /** The text the session holds for a file: the editor's for open documents. */
  openText(fileName: string): string | undefined {
    return this.open.get(fileName)?.text;
  }

  private lintOpen(fileName: string): void {
    const doc = this.open.get(fileName);
    if (!doc) return;
    if (!this.isEnabled || doc.text.length > MAX_FILE_BYTES || isBinary(doc.text)) {
      if (this.isEnabled && !this.skipped.has(fileName)) this.host.log(`not linting ${fileName}: larger than ${MAX_FILE_BYTES} bytes (generated) or binary`);
      this.skipped.add(fileName);
      this.host.publish(fileName, [], doc.version);
      return;
    }
    try {
      const { dependents } = this.session.update(fileName, doc.text, true);
      this.publishFile(fileName);
      if (dependents.size > 0) setImmediate(() => this.republish(dependents));
    } catch (error) {
      this.host.error(`linting ${fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private publishFile(fileName: string): void {
    const list = this.isEnabled ? (this.session.diagnostics(fileName) ?? []) : [];
    const bounded = this.typedBounded.get(fileName);
    const shown = bounded ? list.filter((d) => !(d.ruleId === 'unbounded-label-value' && bounded.has(`${d.range.start.line}:${d.range.start.character}`))) : list;
    this.host.publish(fileName, shown, this.open.get(fileName)?.version);
  }

  /** Asks the type checker whether label values flagged by their names are fixed sets after all (on save). */
  private checkLabelTypes(fileName: string): boolean {
    const ranges = (this.session.diagnostics(fileName) ?? []).filter((d) => d.ruleId === 'unbounded-label-value' && d.messageId === 'unboundedValue').map((d) => d.range);
    if (ranges.length === 0) return false;
    try {
      const texts = new Map([...this.open].map(([f, doc]) => [f, doc.text]));
      const bounded = boundedValuesByType(new Map([[fileName, ranges]]), texts).get(fileName);
      if (!bounded) return false;
      this.typedBounded.set(fileName, bounded);
      return true;
    } catch (error) {
      this.host.error(`type information for label values failed: ${errorText(error)}`);
      return false;
    }
  }

  /** Publishes again the files that are shown (open or published) among `fileNames`. */
  private republish(fileNames: Iterable<string>): void {
    for (const fileName of fileNames) {
      if ((this.open.has(fileName) || this.published.has(fileName)) && this.session.hasResults(fileName)) this.publishFile(fileName);
    }
  }

  private applyConfig(): void {
    this.session.setConfig(effectiveConfig(this.fileConfig, this.settings.lint));
    this.relintTracked();
  }

  /** Lints the open documents again (after a config change, or once the index is complete). */
  private relintTracked(): void {
    for (const fileName of this.open.keys()) this.lintOpen(fileName);
    for (const fileName of this.published) {
      if (!this.open.has(fileName)) this.host.publish(fileName, [], undefined);
    }
    this.published.clear();
  }

  private isInWorkspace(fileName: string): boolean {
    return this.roots.some((r) => fileName.startsWith(`${r}/`));
  }

  private relative(fileName: string): string {
    const root = this.roots.find((r) => fileName.startsWith(`${r}/`));
    return root === undefined ? fileName : fileName.slice(root.length + 1);
  }

  /** Shown once per rule (a broken rule fails on many files and keystrokes); the file's other rules still run. */
  private onRuleError(ruleId: string, error: unknown, fileName: string): void {
    if (this.reportedErrors.has(ruleId)) return;
    this.reportedErrors.add(ruleId);
    this.host.error(`rule ${ruleId} failed on ${this.relative(fileName)} and was skipped there: ${errorText(error)}`);
  }

  /** Shown once per file: it is indexed as empty and skipped, every other file goes on. */
  private onFileError(fileName: string, error: unknown): void {
    const key = `file:${fileName}`;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    this.host.error(`${this.relative(fileName)} could not be linted and is skipped: ${errorText(error)}`);
  }
}

/** Forward-slash workspace roots from LSP workspace folder URIs (file: only). */
export function rootsOf(folderUris: readonly string[]): string[] {
  return folderUris.filter((u) => u.startsWith('file:')).map((u) => uriToFileName(u).replace(/\/+$/, ''));
}

/** An error's stack (or message); a thrown non-Error is named by its type, never stringified (it may throw). */
function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : `a thrown ${typeof error}`;
}

/** Past these, a document is linted on open and save only: a keystroke must not cost a full parse of it. */
const LIVE_LINT_MAX_CHARS = 256 * 1024;
const LIVE_LINT_MAX_LINE = 10_000;

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  return Math.max(longest, text.length - start);
}

function isHeavy(text: string): boolean {
  return text.length > LIVE_LINT_MAX_CHARS || longestLine(text) > LIVE_LINT_MAX_LINE;
}

function describeHeavy(text: string): string {
  return text.length > LIVE_LINT_MAX_CHARS
    ? `${Math.round(text.length / 1024)} KB, over the ${LIVE_LINT_MAX_CHARS / 1024} KB live-lint limit`
    : `a line of ${longestLine(text)} characters (minified?), over the ${LIVE_LINT_MAX_LINE} live-lint limit`;
}
