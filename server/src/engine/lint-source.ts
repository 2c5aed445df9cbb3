import { posix } from 'node:path';
import { LintSession } from './lint-session';
import type { LintConfig } from './lint-session';
import type { LintDiagnostic, RuleModule } from './types';

/** Options of {@link lintSource}. */
export interface LintSourceOptions {
  /** Workspace root for display names (default: the file's directory). */
  readonly root?: string;
  readonly rules?: readonly RuleModule[];
  readonly config?: LintConfig;
  /** Other files of the in-memory workspace, keyed by file name (same directory rules as `fileName`). */
  readonly files?: Readonly<Record<string, string>>;
  readonly onRuleError?: (ruleId: string, error: unknown, fileName: string) => void;
}

/**
 * Lints one file's text, with optional sibling files indexed first. Pure: no I/O. Syntax errors still
 * yield a best-effort tree.
 */
export function lintSource(fileName: string, text: string, options: LintSourceOptions = {}): LintDiagnostic[] {
  const session = new LintSession({
    root: options.root ?? posix.dirname(fileName),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });
  for (const [name, content] of Object.entries(options.files ?? {})) session.update(name, content, false);
  session.update(fileName, text, true);
  return session.diagnostics(fileName) ?? [];
}
