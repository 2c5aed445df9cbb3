/** Machine-readable output: one entry per linted file with its messages (1-based lines and columns). */
import { describeFailure } from './report';
import type { LintFailure, LintReport } from './report';

/** Renders the report as JSON (stable shape, documented in server/README.md). */
export function formatJson(report: LintReport): string {
  const failuresOf = (fileName: string): LintFailure[] => report.failures.filter((x) => x.fileName === fileName);
  const files = report.files.map((f) => ({
    filePath: f.relativePath,
    errorCount: f.diagnostics.filter((d) => d.severity === 'error').length + failuresOf(f.fileName).length,
    warningCount: f.diagnostics.filter((d) => d.severity === 'warning').length,
    // A rule that failed on the file is a fatal message, as ESLint reports a file it could not lint.
    messages: [...failuresOf(f.fileName).map((x) => ({ ruleId: x.ruleId ?? null, fatal: true, severity: 'error', message: describeFailure(x), line: 1, column: 1 })), ...f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      ...(d.fix ? { fix: { title: d.fix.title } } : {}),
    }))],
  }));
  return `${JSON.stringify(files, null, 2)}\n`;
}
