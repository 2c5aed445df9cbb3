/** Machine-readable output: one entry per linted file with its messages (1-based lines and columns). */
import type { LintReport } from './report';

/** Renders the report as JSON (stable shape, documented in server/README.md). */
export function formatJson(report: LintReport): string {
  const files = report.files.map((f) => ({
    filePath: f.relativePath,
    errorCount: f.diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: f.diagnostics.filter((d) => d.severity === 'warning').length,
    messages: f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      ...(d.fix ? { fix: { title: d.fix.title } } : {}),
    })),
  }));
  return `${JSON.stringify(files, null, 2)}\n`;
}
