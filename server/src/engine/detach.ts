/**
 * Copies a facts tree so it keeps nothing of the parse alive. Strings taken from the AST are often V8
 * "sliced strings" that reference the whole source text (a 13+ character import path keeps its file's
 * text in memory), and objects built with spreads carry many one-off hidden classes. The copy holds flat
 * strings and objects built in one consistent way.
 */
import type { Range } from './range';

/** A structural copy of a facts tree with flat strings and compact objects. */
export function detach<T>(value: T): T {
  return copy(value) as T; // a structural copy of T is a T
}

function copy(value: unknown): unknown {
  if (typeof value === 'string') return value.length < 13 ? value : flat(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  if (isRange(value)) return { start: { line: value.start.line, character: value.start.character }, end: { line: value.end.line, character: value.end.character } };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]); // own enumerable keys of a plain object
  return out;
}

/** Ranges are most of the objects: copied as exact literals (no spare property slots). */
function isRange(value: object): value is Range {
  return 'start' in value && 'end' in value && Object.keys(value).length === 2;
}

/** A copy of a string that does not share storage with the source text. */
function flat(text: string): string {
  return (` ${text}`).slice(1);
}
