/**
 * Where Python source names its spans (pure): `with tracer.start_as_current_span("name")`,
 * `@tracer.start_as_current_span("name")`, `tracer.start_span("name")`, and the Python runtime's
 * `with span("name")`, `start_span("name")` and `@traced("name")`. Spans the Python runtime records carry
 * their own line (`code.lineno`); these sites let the editor time spans that arrive without one, such as
 * those made with the OpenTelemetry API directly. Literal names only; strings and comments are skipped.
 */
import { skipPythonLiteral } from './python-stats-declarations';
import { literalRanges } from './stats-declarations';

export interface PythonSpanSite {
  readonly name: string;
  /** Offset of the call's name (`start_as_current_span`, `span`, …) in the text. */
  readonly offset: number;
}

const SITE = /\b(start_as_current_span|start_span|span|traced)\s*\(\s*(?:name\s*=\s*)?[rRuU]?(['"])([^'"\\\n]{1,200})\2/g;

export function findPythonSpanSites(text: string): PythonSpanSite[] {
  const literals = literalRanges(text, skipPythonLiteral);
  const out: PythonSpanSite[] = [];
  for (const match of text.matchAll(SITE)) {
    const offset = match.index ?? 0;
    if (literals.some(([start, end]) => offset >= start && offset <= end)) continue;
    out.push({ name: match[3] as string, offset });
  }
  return out;
}
