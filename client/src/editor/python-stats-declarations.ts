/**
 * Finds the metric declarations of the Python runtime in source text (pure, no parser: enough for
 * editor hints), in both of its forms:
 *
 *     stats = define_stats("inference", requests=counter("…", labels=("model",)), latency=histogram("…", unit="seconds"))
 *
 *     class Inference(StatsStruct, component="inference"):
 *         requests: Counter[Literal["model"]] = counter("…", labels=("model",))
 *
 * Literal component names, keys declared inline, an optional literal `unit=`. Strings and `#`
 * comments are skipped, so a call written inside them is not a declaration.
 */
import { exposedName } from '../../../runtime/src/conventions/index';
import type { MetricKind } from '../../../runtime/src/conventions/index';
import { closingOf as closingOfAny, literalRanges, nextEntry } from './stats-declarations';
import type { StatsDeclaration } from './stats-declarations';

const DEFINE = /\bdefine_stats\s*\(\s*[rRuU]?(['"])([A-Za-z_][\w.-]*)\1\s*,/g;
const KEYWORD = /(?:\s|#[^\n]*)*([A-Za-z_]\w*)\s*=\s*(?:[A-Za-z_]\w*\.)*(counter|gauge|histogram)\s*\(/y;
const CLASS = /^([ \t]*)class\s+\w+\s*\([^)]*\bcomponent\s*=\s*[rRuU]?(['"])([A-Za-z_][\w.-]*)\2[^)]*\)\s*:[ \t]*(?:#[^\n]*)?$/gm;
const FIELD = /^([ \t]+)([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:[A-Za-z_]\w*\.)*(counter|gauge|histogram)\s*\(/;
const UNIT = /\bunit\s*=\s*[rRuU]?(['"])([A-Za-z_]+)\1/;

export function findPythonStatsDeclarations(text: string): StatsDeclaration[] {
  const literals = literalRanges(text, skipPythonLiteral);
  const isInLiteral = (offset: number): boolean => literals.some(([start, end]) => offset >= start && offset <= end);
  const out: StatsDeclaration[] = [];
  for (const match of text.matchAll(DEFINE)) {
    if (isInLiteral(match.index ?? 0)) continue;
    const component = match[2] as string;
    const open = text.indexOf('(', match.index ?? 0);
    const close = closingOf(text, open);
    let at = (match.index ?? 0) + match[0].length;
    while (at < close) {
      KEYWORD.lastIndex = at;
      const entry = KEYWORD.exec(text);
      if (entry !== null && KEYWORD.lastIndex <= close) {
        const callOpen = KEYWORD.lastIndex - 1;
        out.push(declaration(text, component, entry[1] as string, entry[2] as MetricKind, entry.index + entry[0].indexOf(entry[1] as string), callOpen));
      }
      at = nextEntry(text, at, close, skipPythonLiteral);
    }
  }
  for (const match of text.matchAll(CLASS)) {
    if (isInLiteral(match.index ?? 0)) continue;
    out.push(...classFields(text, (match.index ?? 0) + match[0].length, (match[1] ?? '').length, match[3] as string));
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** The fields of a stats class body: the lines after the header indented deeper than `class`. */
function classFields(text: string, bodyStart: number, classIndent: number, component: string): StatsDeclaration[] {
  const out: StatsDeclaration[] = [];
  let at = text.indexOf('\n', bodyStart) + 1;
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    const field = FIELD.exec(line);
    if (line.trim() !== '' && !line.trimStart().startsWith('#') && line.length - line.trimStart().length <= classIndent) break;
    if (field !== null && (field[1] ?? '').length > classIndent) {
      const key = field[2] as string;
      const callOpen = at + field[0].length - 1;
      out.push(declaration(text, component, key, field[3] as MetricKind, at + field[0].indexOf(key), callOpen));
      const callEnd = closingOf(text, callOpen);
      at = text.indexOf('\n', callEnd) + 1;
      continue;
    }
    at = end < 0 ? text.length : end + 1;
  }
  return out;
}

function closingOf(text: string, open: number): number {
  return closingOfAny(text, open, skipPythonLiteral);
}

function declaration(text: string, component: string, key: string, kind: MetricKind, offset: number, callOpen: number): StatsDeclaration {
  const unit = UNIT.exec(text.slice(callOpen, closingOf(text, callOpen)))?.[2];
  return { component, key, kind, unit, offset, length: key.length, exposedName: exposedName(component, key, kind, unit) };
}

/** If a Python string (single, triple-quoted, any prefix) or `#` comment starts at `i`, the index of its last character; else `i`. */
export function skipPythonLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === '#') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end - 1;
  }
  if (c !== '"' && c !== "'") return i;
  const isTriple = text[i + 1] === c && text[i + 2] === c;
  const quote = isTriple ? c.repeat(3) : c;
  for (let j = i + quote.length; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(quote, j)) return j + quote.length - 1;
    else if (!isTriple && text[j] === '\n') return j - 1; // an unterminated one-line string ends at its line
  }
  return text.length;
}
