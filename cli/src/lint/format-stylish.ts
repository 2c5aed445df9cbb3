/** Human-readable output, grouped by file (in the style of ESLint's stylish formatter). */
import type { LintReport } from './report';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, underline: 4, bold: 1 } as const;

/** Renders the report; `color` adds ANSI colors. */
export function formatStylish(report: LintReport, color: boolean): string {
  const c = (code: keyof typeof COLORS, text: string): string => (color ? `\u001b[${COLORS[code]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    out.push('', c('underline', file.relativePath));
    const rows = file.diagnostics.map((d) => [`${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, d.message, d.ruleId] as const);
    const width0 = Math.max(...rows.map((r) => r[0].length));
    const width1 = Math.max(...rows.map((r) => r[1].length));
    for (const [position, severity, message, rule] of rows) {
      const tone = severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue';
      out.push(`  ${c('gray', position.padEnd(width0))}  ${c(tone, severity.padEnd(width1))}  ${message}  ${c('gray', rule)}`);
    }
  }
  const { errors, warnings, infos } = report.counts;
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`;
  out.push('', c('bold', errors > 0 ? c('red', summary) : c('yellow', summary)), '');
  return out.join('\n');
}
