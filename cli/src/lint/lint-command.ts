/**
 * `statscope lint [paths…]`: the language server's engine over files on disk, for CI. The index covers
 * the whole project (so cross-file rules see every use); diagnostics are reported for the given paths.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RULES } from '../../../server/src/rules';
import { effectiveConfig, EMPTY_FILE_CONFIG, parseConfigFile } from '../../../server/src/engine/config';
import type { FileLintConfig } from '../../../server/src/engine/config';
import { LintSession } from '../../../server/src/engine/lint-session';
import { boundedValuesByType, metersByType } from '../../../server/src/engine/type-fallback';
import type { Range, RuleModule } from '../../../server/src/engine/types';
import { toForwardSlashes } from '../../../server/src/uris';
import { dependsOnStatscope, findConfigFile, findSourceFiles, readSourceText } from '../../../server/src/workspace-files';
import { LINT_USAGE, parseLintArgs } from './args';
import type { LintArgs } from './args';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatStylish } from './format-stylish';
import { countOf } from './report';
import { describeFailure } from './report';
import type { FileReport, LintFailure, LintReport } from './report';

/** The CLI's version, printed in SARIF. */
export const CLI_VERSION = '0.1.0';

/** Where the command reads and writes; tests pass their own. */
export interface LintIo {
  readonly cwd: string;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  readonly color: boolean;
}

/** The real terminal. */
export function processLintIo(): LintIo {
  return {
    cwd: process.cwd(),
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
  };
}

class UsageError extends Error {}

/** Runs `statscope lint`; resolves to the exit code (0 clean, 1 problems, 2 usage/config error or a rule failed). */
export async function lintCommand(argv: readonly string[], io: LintIo = processLintIo(), rules: readonly RuleModule[] = RULES): Promise<number> {
  const parsed = parseLintArgs(argv);
  if (parsed.kind === 'help') {
    io.writeOut(LINT_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.writeErr(`statscope lint: ${parsed.message}\n\n${LINT_USAGE}`);
    return 2;
  }
  try {
    const report = await lint(parsed.args, io, rules);
    io.writeOut(render(report, parsed.args, io));
    const { errors, warnings } = report.counts;
    const tooManyWarnings = parsed.args.maxWarnings !== undefined && warnings > parsed.args.maxWarnings;
    if (tooManyWarnings && parsed.args.format === 'stylish') io.writeErr(`statscope lint: ${warnings} warnings exceed --max-warnings ${parsed.args.maxWarnings ?? 0}\n`);
    if (report.failures.length > 0) return 2;
    return errors > 0 || tooManyWarnings ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeErr(`statscope lint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Lints the paths and returns the report. */
export async function lint(args: LintArgs, io: Pick<LintIo, 'cwd' | 'writeErr'>, rules: readonly RuleModule[] = RULES): Promise<LintReport> {
  const { root, config } = await loadConfig(args, io);
  const targets = await Promise.all(args.paths.map((p) => resolveTarget(resolve(io.cwd, p))));
  const failures: LintFailure[] = [];
  const seen = new Set<string>();
  const reported = new Set<string>();
  const fail = (fileName: string, ruleId: string | undefined, error: unknown): void => {
    const key = `${fileName}\0${ruleId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const failure: LintFailure = { fileName, relativePath: relativeTo(io.cwd, fileName), ...(ruleId === undefined ? {} : { ruleId }), message: errorText(error) };
    // A file outside the linted paths is only indexed: said on stderr, without failing the run for it.
    if (reported.has(fileName)) failures.push(failure);
    io.writeErr(`statscope lint: ${describeFailure(failure)}${reported.has(fileName) ? '' : ' (indexed only, skipped)'}\n`);
  };
  const session = new LintSession({
    root,
    rules,
    config: effectiveConfig(config),
    onRuleError: (id, error, fileName) => fail(fileName, id, error),
    onFileError: (fileName, error) => fail(fileName, undefined, error),
  });
  session.index.dependsOnStatscope = await dependsOnStatscope(root);
  for (const target of targets) for (const f of await findSourceFiles(target, { ignore: config.ignore, ignoreBase: root })) reported.add(f);
  const indexed = new Set([...(await findSourceFiles(root, { ignore: config.ignore })), ...reported]);
  for (const fileName of indexed) {
    const read = await readSourceText(fileName);
    if ('text' in read) session.load(fileName, read.text, reported.has(fileName));
    else reported.delete(fileName);
  }
  // What syntax could not decide (is this receiver a Meter?), the type checker does, for those files only.
  for (const [fileName, starts] of metersByType(session.index.allFacts())) session.index.confirmMeters(fileName, starts);
  const files: FileReport[] = withoutTypedBoundedValues(
    [...reported].sort().map((fileName) => ({
      fileName,
      relativePath: relativeTo(io.cwd, fileName),
      diagnostics: session.diagnostics(fileName) ?? [],
    })),
  );
  return { root, files, counts: countOf(files), failures };
}

/**
 * Label values judged unbounded by their names alone are asked about once more, with types: a value declared
 * as a literal union, an enum or a boolean (in any file, or a package) is a fixed set after all.
 */
function withoutTypedBoundedValues(files: FileReport[]): FileReport[] {
  const requests = new Map<string, Range[]>();
  for (const f of files) {
    const ranges = f.diagnostics.filter((d) => d.ruleId === 'unbounded-label-value' && d.messageId === 'unboundedValue').map((d) => d.range);
    if (ranges.length > 0) requests.set(f.fileName, ranges);
  }
  if (requests.size === 0) return files;
  const bounded = boundedValuesByType(requests);
  return files.map((f) => {
    const keys = bounded.get(f.fileName);
    return keys ? { ...f, diagnostics: f.diagnostics.filter((d) => !(d.ruleId === 'unbounded-label-value' && keys.has(`${d.range.start.line}:${d.range.start.character}`))) } : f;
  });
}

/** The first line of an error's text; a thrown non-Error is described by its type only. */
function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.split('\n')[0] ?? error.name;
  return typeof error === 'string' ? error.split('\n')[0] ?? '' : `a thrown ${typeof error}`;
}

async function loadConfig(args: LintArgs, io: Pick<LintIo, 'cwd' | 'writeErr'>): Promise<{ root: string; config: FileLintConfig }> {
  const path = args.config !== undefined ? resolve(io.cwd, args.config) : await findConfigFile(io.cwd);
  if (path === undefined) return { root: toForwardSlashes(io.cwd), config: EMPTY_FILE_CONFIG };
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`cannot read config file ${path}`);
  });
  const parsed = parseConfigFile(text, RULES);
  if (parsed.problems.some((p) => p.startsWith('not valid JSON') || p.startsWith('the file must'))) throw new UsageError(`${path}: ${parsed.problems.join('; ')}`);
  for (const p of parsed.problems) io.writeErr(`statscope lint: ${path}: ${p}\n`);
  return { root: toForwardSlashes(dirname(path)), config: parsed.config };
}

async function resolveTarget(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`no such file or folder: ${path}`);
  return toForwardSlashes(path);
}

function relativeTo(cwd: string, fileName: string): string {
  const base = `${toForwardSlashes(cwd).replace(/\/$/, '')}/`;
  return fileName.startsWith(base) ? fileName.slice(base.length) : fileName;
}

function render(report: LintReport, args: LintArgs, io: LintIo): string {
  if (args.format === 'json') return formatJson(report);
  if (args.format === 'sarif') return formatSarif(report, { rules: RULES, version: CLI_VERSION });
  return formatStylish(report, io.color);
}

