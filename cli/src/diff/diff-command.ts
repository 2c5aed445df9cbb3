/**
 * `statscope diff <base> <head> [--fail-on rules] [--json|--markdown]`: compares two run files with the
 * same model as the extension's Compare view, prints the table, and exits 1 when a `--fail-on`
 * threshold is crossed (2 for bad arguments or unreadable files, as `statscope lint`).
 */
import { resolve } from 'node:path';
import { compareRuns, importRunFile, judgeRegressions, RunStore } from '../../../runs/index';
import type { Run } from '../../../runs/index';
import { shouldColor } from '../run/paint';
import { DIFF_USAGE, parseDiffArgs } from './diff-args';
import { renderJson, renderMarkdown, renderTable } from './diff-render';

/** Where the command reads and writes; tests pass their own. */
export interface DiffCommandIo {
  readonly cwd: string;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  readonly color: boolean;
}

function processIo(): DiffCommandIo {
  return {
    cwd: process.cwd(),
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    color: shouldColor(process.stdout, process.env),
  };
}

/** A file that cannot be compared, with what to tell the user. */
class UnreadableRunError extends Error {}

async function load(store: RunStore, cwd: string, file: string): Promise<Run> {
  try {
    return await importRunFile(store, resolve(cwd, file));
  } catch (error) {
    // Cast: errors from node:fs carry `code`.
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a run file' : error instanceof Error ? error.message : String(error);
    throw new UnreadableRunError(`cannot read ${file}: ${reason}`);
  }
}

/** Runs the command; resolves to the exit code. */
export async function diffCommand(argv: readonly string[], io: DiffCommandIo = processIo()): Promise<number> {
  const parsed = parseDiffArgs(argv);
  if (parsed.kind === 'help') {
    io.writeOut(DIFF_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.writeErr(`statscope diff: ${parsed.message}\n\n${DIFF_USAGE}`);
    return 2;
  }
  const { base, head, format, rules } = parsed.args;
  const store = new RunStore({ maxRuns: 2, maxSpansPerRun: 1_000_000 });
  try {
    const comparison = compareRuns(await load(store, io.cwd, base), await load(store, io.cwd, head));
    const gate = judgeRegressions(comparison.spans, rules, comparison.noise.alpha);
    if (gate.unknownSpanNames.length > 0) {
      io.writeErr(`statscope diff: --fail-on names spans that are not in both runs: ${gate.unknownSpanNames.map((n) => JSON.stringify(n)).join(', ')}\n`);
      return 2;
    }
    if (format === 'json') io.writeOut(renderJson(comparison, gate.regressions));
    else if (format === 'markdown') io.writeOut(renderMarkdown(comparison, gate.regressions));
    else io.writeOut(renderTable(comparison, gate.regressions, io.color));
    if (gate.regressions.length > 0) io.writeErr(`statscope diff: ${gate.regressions.length} regression${gate.regressions.length === 1 ? '' : 's'} beyond --fail-on\n`);
    return gate.regressions.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UnreadableRunError)) throw error;
    io.writeErr(`statscope diff: ${error.message}\n`);
    return 2;
  } finally {
    store.dispose();
  }
}
