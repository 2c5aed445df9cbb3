/**
 * Parses span queries (pure), the language of the Spans view filter and `statscope view --filter`:
 *
 *     http.route=/predict service.name=model status=error >10ms
 *     name~predict "GET /a b" 10ms..50ms http.route="/a b" status!=ok
 *
 * Terms are separated by spaces and all must hold. Quotes (`"` or `'`, `\` escapes inside) keep spaces and
 * operator characters in a value. Bad queries get a message that says what is wrong and where.
 */
import type { StatusCode } from '../store/model';
import { parseDurationMs } from './duration';
import type { QueryError, QueryOperator, QueryParseResult, QueryTerm } from './span-query';

/** A token's characters, each marked quoted or not (only unquoted characters are syntax). */
interface Token {
  readonly offset: number;
  readonly chars: readonly string[];
  readonly quoted: readonly boolean[];
  /** Indexes into `chars` where quotes opened (so `key=""` counts as a value). */
  readonly quoteStarts: readonly number[];
}

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const STATUS_CODES: ReadonlySet<string> = new Set<StatusCode>(['error', 'ok', 'unset']);
const DURATION_HINT = 'try 10ms, 1.5s or 250us';

/** Parses `text`; never throws. */
export function parseSpanQuery(text: string): QueryParseResult {
  try {
    return { ok: true, query: { source: text, terms: tokenize(text).map(parseTerm) } };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: { message: error.message, offset: error.offset } };
    throw error;
  }
}

/** `message (at column N)`, 1-based, for one-line displays. */
export function describeQueryError(error: QueryError): string {
  return `${error.message} (at column ${error.offset + 1})`;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    const offset = i;
    const chars: string[] = [];
    const quoted: boolean[] = [];
    const quoteStarts: number[] = [];
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const c = text[i] as string;
      if (c !== '"' && c !== "'") {
        chars.push(c);
        quoted.push(false);
        i++;
        continue;
      }
      const close = closingQuote(text, i);
      quoteStarts.push(chars.length);
      for (let j = i + 1; j < close; j++) {
        if (text[j] === '\\') j++;
        chars.push(text[j] as string);
        quoted.push(true);
      }
      i = close + 1;
    }
    tokens.push({ offset, chars, quoted, quoteStarts });
  }
  return tokens;
}

function closingQuote(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === text[open]) return j;
  }
  throw new QuerySyntaxError(`unterminated quote: add a closing ${text[open] as string}`, open);
}

function parseTerm(token: Token): QueryTerm {
  const first = token.quoted[0] === true ? '' : (token.chars[0] ?? '');
  if (first === '>' || first === '<') return comparisonTerm(token);
  const op = findOperator(token);
  if (op !== undefined) return keyValueTerm(token, op.at, op.op);
  const range = findUnquoted(token, '..');
  if (range !== undefined) return rangeTerm(token, range);
  return { kind: 'text', text: token.chars.join('').toLowerCase() };
}

function findOperator(token: Token): { at: number; op: QueryOperator } | undefined {
  for (let i = 0; i < token.chars.length; i++) {
    if (token.quoted[i] === true) continue;
    const c = token.chars[i];
    if (c === '=' || c === '~') return { at: i, op: c };
    if (c === '!' && token.chars[i + 1] === '=' && token.quoted[i + 1] === false) return { at: i, op: '!=' };
  }
  return undefined;
}

function findUnquoted(token: Token, needle: string): number | undefined {
  const text = token.chars.join('');
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (token.quoted[at] === false && token.quoted[at + 1] === false) return at;
  }
  return undefined;
}

function keyValueTerm(token: Token, at: number, op: QueryOperator): QueryTerm {
  const key = token.chars.slice(0, at).join('');
  const valueStart = at + op.length;
  const value = token.chars.slice(valueStart).join('');
  if (key === '') throw new QuerySyntaxError(`'${op}' needs a key before it, as in http.route${op}/predict`, token.offset);
  if (value === '' && !token.quoteStarts.some((start) => start >= valueStart)) {
    throw new QuerySyntaxError(`'${key}${op}' needs a value (write ${key}${op}"" for an empty one)`, token.offset);
  }
  if (key === 'status') return statusTerm(token, op, value);
  if (key === 'name') return { kind: 'name', op, value };
  return { kind: 'attribute', key, op, value };
}

function statusTerm(token: Token, op: QueryOperator, value: string): QueryTerm {
  if (op === '~') throw new QuerySyntaxError(`status takes = or != (status=error, status=ok, status=unset)`, token.offset);
  const codes = value.toLowerCase().split('|');
  for (const code of codes) {
    if (!STATUS_CODES.has(code)) throw new QuerySyntaxError(`unknown status '${code}': use error, ok or unset (status=error|unset for either)`, token.offset);
  }
  return { kind: 'status', isNegated: op === '!=', codes: codes as StatusCode[] };
}

function comparisonTerm(token: Token): QueryTerm {
  const text = token.chars.join('');
  const isInclusive = text[1] === '=';
  const op = text.slice(0, isInclusive ? 2 : 1);
  const ms = duration(text.slice(op.length), token, `'${op}' needs a duration after it (${DURATION_HINT})`);
  return op.startsWith('>')
    ? { kind: 'duration', minMs: ms, maxMs: undefined, isMinExclusive: !isInclusive, isMaxExclusive: false }
    : { kind: 'duration', minMs: undefined, maxMs: ms, isMinExclusive: false, isMaxExclusive: !isInclusive };
}

function rangeTerm(token: Token, at: number): QueryTerm {
  const text = token.chars.join('');
  const low = text.slice(0, at);
  const high = text.slice(at + 2);
  if (low === '' && high === '') throw new QuerySyntaxError(`'..' needs a duration on at least one side, as in 10ms..50ms`, token.offset);
  const minMs = low === '' ? undefined : duration(low, token, `'..' needs durations on its sides`);
  const maxMs = high === '' ? undefined : duration(high, token, `'..' needs durations on its sides`);
  if (minMs !== undefined && maxMs !== undefined && minMs > maxMs) throw new QuerySyntaxError(`empty range ${text}: the lower bound is above the upper one`, token.offset);
  return { kind: 'duration', minMs, maxMs, isMinExclusive: false, isMaxExclusive: false };
}

function duration(text: string, token: Token, emptyMessage: string): number {
  if (text.trim() === '') throw new QuerySyntaxError(emptyMessage, token.offset);
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new QuerySyntaxError(`'${text}' is not a duration (${DURATION_HINT})`, token.offset);
  return ms;
}

/** The query for spans named exactly `name` (quoted and escaped, so any name stays one `name=` term). */
export function spanNameQuery(name: string): string {
  return `name="${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
