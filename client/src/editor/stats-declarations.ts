/**
 * Finds the metric declarations of `defineStats('component', { key: counter({...}), ... })` calls
 * in source text (pure, no TypeScript compiler: the client does not load it). Good enough for
 * editor hints: literal component names, keys declared inline, an optional literal `unit`.
 */
import { exposedName } from '../../../runtime/src/conventions/index';
import type { MetricKind } from '../../../runtime/src/conventions/index';

/** One declared metric, located in the text. */
export interface StatsDeclaration {
  readonly component: string;
  readonly key: string;
  readonly kind: MetricKind;
  readonly unit: string | undefined;
  /** Offset of the key in the text, and its length. */
  readonly offset: number;
  readonly length: number;
  /** The name the runtime exports it under (`model_server_requests_total`). */
  readonly exposedName: string;
}

const DEFINE = /\bdefineStats\s*\(\s*(['"`])([A-Za-z_][\w.-]*)\1\s*,\s*\{/g;
const ENTRY = /\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(['"]?)([A-Za-z_$][\w$]*)\1\s*:\s*(?:[A-Za-z_$][\w$]*\.)?(counter|gauge|histogram)\s*(?:<[^()]*>)?\s*\(/y;
const UNIT = /\bunit\s*:\s*(['"`])([A-Za-z_]+)\1/;

export function findStatsDeclarations(text: string): StatsDeclaration[] {
  const out: StatsDeclaration[] = [];
  const literals = literalRanges(text);
  for (const match of text.matchAll(DEFINE)) {
    if (literals.some(([start, end]) => (match.index ?? 0) >= start && (match.index ?? 0) <= end)) continue;
    const component = match[2] as string;
    const bodyStart = (match.index ?? 0) + match[0].length;
    const bodyEnd = closingOf(text, bodyStart - 1);
    let at = bodyStart;
    while (at < bodyEnd) {
      ENTRY.lastIndex = at;
      const entry = ENTRY.exec(text);
      if (entry !== null && ENTRY.lastIndex <= bodyEnd) {
        const key = entry[2] as string;
        const kind = entry[3] as MetricKind;
        const open = ENTRY.lastIndex - 1;
        const close = closingOf(text, open);
        const unit = UNIT.exec(text.slice(open, close))?.[2];
        const offset = entry.index + entry[0].indexOf(key, entry[1] === '' ? 0 : 1);
        out.push({ component, key, kind, unit, offset, length: key.length, exposedName: exposedName(component, key, kind, unit) });
        at = close + 1;
      }
      // Skip to the next top-level entry of the object literal.
      at = nextEntry(text, at, bodyEnd);
    }
  }
  return out;
}

/** If a string or comment starts at `i`, the index of its last character; else `i` (per language). */
export type LiteralSkipper = (text: string, i: number) => number;

/** `[start, end]` of every string and comment (inclusive). */
export function literalRanges(text: string, skip: LiteralSkipper = skipLiteral): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const end = skip(text, i);
    if (end !== i) {
      ranges.push([i, end]);
      i = end;
    }
  }
  return ranges;
}

/** The index of the bracket closing the one at `open` (skipping strings and comments), or the text end. */
export function closingOf(text: string, open: number, skip: LiteralSkipper = skipLiteral): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    i = skip(text, i);
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

/** The position after the next top-level comma at or after `from`, or `end`. */
export function nextEntry(text: string, from: number, end: number, skip: LiteralSkipper = skipLiteral): number {
  for (let i = from; i < end; i++) {
    i = skip(text, i);
    const c = text[i];
    if (c === ',') return i + 1;
    if (c === '(' || c === '[' || c === '{') i = closingOf(text, i, skip);
  }
  return end;
}

/** If a string or comment starts at `i`, the index of its last character; else `i`. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'" || c === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === c) return j;
    }
    return text.length;
  }
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 1;
  }
  return i;
}
