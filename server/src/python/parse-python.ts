/**
 * Python parsing with @lezer/python: pure JavaScript (bundled by esbuild, no native or .wasm file), an LR parser
 * with error recovery that never recurses per nesting level, and incremental reparsing from the previous tree.
 * Chosen by measurement (see README.md in this folder).
 */
import { TreeFragment } from '@lezer/common';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Position, Range } from '../engine/range';

/** A parsed Python file: its text, tree and line starts (for offset ↔ position). */
export interface PythonTree {
  readonly fileName: string;
  readonly text: string;
  readonly tree: Tree;
  readonly lineStarts: readonly number[];
}

/** True for the Python files the linter reads. */
export function isPythonFileName(fileName: string): boolean {
  return /\.py$/i.test(fileName);
}

/** Parses a file; with the previous tree of the same file, only the changed region is parsed again. */
export function parsePython(fileName: string, text: string, previous?: PythonTree): PythonTree {
  if (previous && previous.fileName === fileName && previous.text === text) return previous;
  const fragments = previous && previous.fileName === fileName ? changedFragments(previous, text) : undefined;
  const tree = fragments ? parser.parse(text, fragments) : parser.parse(text);
  return { fileName, text, tree, lineStarts: lineStartsOf(text) };
}

/** The previous tree's reusable fragments around the one edited region (common prefix and suffix). */
function changedFragments(previous: PythonTree, text: string): readonly TreeFragment[] {
  const old = previous.text;
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const change = { fromA: prefix, toA: old.length - suffix, fromB: prefix, toB: text.length - suffix };
  return TreeFragment.applyChanges(TreeFragment.addTree(previous.tree), [change]);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  // indexOf runs in native code: several times faster than a charCodeAt loop on every keystroke.
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (text.includes('\r')) return crLineStarts(text);
  return starts;
}

/** Line starts when lone `\r` may end lines too (old Mac line endings, rare). */
function crLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The position of an offset. */
export function positionAt(file: PythonTree, offset: number): Position {
  const starts = file.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - (starts[low] ?? 0) };
}

/** The offset of a position (clamped to the text). */
export function offsetAt(file: PythonTree, position: Position): number {
  const start = file.lineStarts[Math.min(Math.max(position.line, 0), file.lineStarts.length - 1)] ?? 0;
  return Math.min(start + position.character, file.text.length);
}

/** The range of a node, or of offsets. */
export function rangeOf(file: PythonTree, node: SyntaxNode | { readonly from: number; readonly to: number }): Range {
  return { start: positionAt(file, node.from), end: positionAt(file, node.to) };
}
