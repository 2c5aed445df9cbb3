/** The result of a lint run as the formatters see it. */
import type { LintDiagnostic } from '../../../server/src/engine/types';

/** One linted file and its diagnostics. */
export interface FileReport {
  /** Absolute path, forward slashes. */
  readonly fileName: string;
  /** Path relative to the project root (forward slashes), for output. */
  readonly relativePath: string;
  readonly diagnostics: readonly LintDiagnostic[];
}

/** A rule that threw on a file, or a file that could not be handled at all; the run goes on without it. */
export interface LintFailure {
  /** Absolute path, forward slashes. */
  readonly fileName: string;
  readonly relativePath: string;
  /** The rule that threw; absent when parsing or indexing the file failed. */
  readonly ruleId?: string;
  /** The error's message (first line of its text). */
  readonly message: string;
}

/** Everything one `statscope lint` run found. */
export interface LintReport {
  /** The project root: the config file's folder, or the current folder. */
  readonly root: string;
  readonly files: readonly FileReport[];
  readonly counts: Counts;
  /** Rules or files that failed; any makes the run exit 2 and SARIF say the execution did not succeed. */
  readonly failures: readonly LintFailure[];
}

/** One line naming the file, the rule and the error. */
export function describeFailure(f: LintFailure): string {
  return f.ruleId === undefined ? `${f.relativePath}: could not be linted: ${f.message}` : `${f.relativePath}: rule ${f.ruleId} failed: ${f.message}`;
}

/** Diagnostics by severity. */
export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Counts by severity (`hint` counts as info). */
export function countOf(files: readonly FileReport[]): Counts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}
