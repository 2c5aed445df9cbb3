/**
 * Parses the text of a dotenv file, as the `envFile` of a launch configuration (pure; no I/O).
 *
 * Accepted, one assignment per line: `KEY=VALUE`, `export KEY=VALUE`, spaces around `=`, blank lines
 * and `#` comment lines. Values:
 * - unquoted: trimmed; ` #` (a `#` after whitespace) starts a comment, so `URL=http://x/#top` keeps its `#`;
 * - `'single'` and `` `backtick` ``: literal, may span lines;
 * - `"double"`: may span lines; `\n`, `\r`, `\t`, `\"` and `\\` are escapes, any other backslash stays.
 * A later assignment of the same key wins. No `${VAR}` expansion (the Node debugger does none either).
 * Lines it cannot read are skipped and reported, never guessed at; so are keys an environment
 * cannot hold safely (`__proto__`, NUL characters).
 */

/** A line that was skipped, with why (1-based line number). */
export interface DotenvProblem {
  readonly line: number;
  readonly message: string;
}

export interface DotenvResult {
  /** The variables (`__proto__` is refused, so every key is an own data property). */
  readonly env: Readonly<Record<string, string>>;
  /** The first {@link MAX_PROBLEMS} skipped lines. */
  readonly problems: readonly DotenvProblem[];
  /** How many lines were skipped in all. */
  readonly problemCount: number;
}

/** Problems kept in {@link DotenvResult.problems}; a file of garbage must not make a huge report. */
export const MAX_PROBLEMS = 20;

const KEY = /^[A-Za-z0-9_.-]+/;
/** Keys that assignment would turn into an object's prototype instead of a variable. */
const FORBIDDEN_KEYS = new Set(['__proto__']);
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function parseDotenv(text: string): DotenvResult {
  const env: Record<string, string> = {};
  const problems: DotenvProblem[] = [];
  let problemCount = 0;
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  while (pos < source.length) {
    const end = lineEnd(source, pos);
    const parsed = parseAssignment(source, pos, end);
    const next = 'next' in parsed ? parsed.next : end;
    if ('message' in parsed) {
      problemCount++;
      if (problems.length < MAX_PROBLEMS) problems.push({ line, message: parsed.message });
    } else if (parsed.key !== undefined) {
      env[parsed.key] = parsed.value;
    }
    line += countNewlines(source, pos, next) + 1;
    pos = next + 1;
  }
  return { env, problems, problemCount };
}

type Assignment = { readonly key: string; readonly value: string; readonly next?: number } | { readonly key: undefined } | { readonly message: string; readonly next?: number };

/** Reads the assignment starting at `pos` (its line ends at `end`); `next` is where it really ended (multi-line quotes). */
function parseAssignment(source: string, pos: number, end: number): Assignment {
  const text = source.slice(pos, end);
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return { key: undefined };
  let rest = trimmed.replace(/^export[ \t]+/, '');
  const key = KEY.exec(rest)?.[0];
  if (key === undefined) return { message: `expected KEY=VALUE, found ${preview(trimmed)}` };
  rest = rest.slice(key.length).trimStart();
  if (!rest.startsWith('=')) return { message: `expected "=" after ${key}` };
  if (FORBIDDEN_KEYS.has(key)) return { message: `the key ${key} is not allowed` };
  const valueText = rest.slice(1).trimStart();
  const valueStart = end - valueText.length;
  const quote = valueText[0];
  if (quote === '"' || quote === "'" || quote === '`') return quotedValue(source, key, valueStart, quote);
  const value = unquotedValue(valueText);
  if (value.includes('\0')) return { message: `the value of ${key} contains a NUL character` };
  return { key, value };
}

function quotedValue(source: string, key: string, start: number, quote: string): Assignment {
  let value = '';
  let i = start + 1;
  for (; i < source.length && source[i] !== quote; i++) {
    const ch = source[i] ?? '';
    if (quote === '"' && ch === '\\' && i + 1 < source.length) {
      const escaped = DOUBLE_QUOTE_ESCAPES[source[i + 1] ?? ''];
      if (escaped !== undefined) {
        value += escaped;
        i++;
        continue;
      }
    }
    value += ch;
  }
  // Unterminated: report this line only, and go on with the next (never swallow the rest of the file).
  if (i >= source.length) return { message: `the value of ${key} has no closing ${quote}` };
  const next = lineEnd(source, i);
  const after = source.slice(i + 1, next).trim();
  if (after !== '' && !after.startsWith('#')) return { message: `unexpected text after the quoted value of ${key}: ${preview(after)}`, next };
  if (value.includes('\0')) return { message: `the value of ${key} contains a NUL character`, next };
  return { key, value, next };
}

function unquotedValue(text: string): string {
  const comment = /\s#/.exec(text);
  return (comment === null ? text : text.slice(0, comment.index)).trim();
}

function lineEnd(source: string, from: number): number {
  const index = source.indexOf('\n', from);
  return index === -1 ? source.length : index;
}

function countNewlines(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = source.indexOf('\n', from); i !== -1 && i < to; i = source.indexOf('\n', i + 1)) count++;
  return count;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
