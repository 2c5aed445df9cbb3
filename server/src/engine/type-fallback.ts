/**
 * The type checker, for what the per-file syntax could not decide: is the receiver of `x.createCounter('…')`
 * an OpenTelemetry `Meter`? Built lazily over the files that have such calls only (their imports and the
 * declaration files they reach come along), so a workspace without them pays nothing.
 */
import ts from 'typescript';
import { unwrap } from './ast-utils';
import { textOf } from './bounded-types';
import type { FileFacts } from './facts';
import type { Range } from './range';

/** Meter receivers (by start offset) per file, as the type checker sees them. */
export type TypedMeters = ReadonlyMap<string, ReadonlySet<number>>;

/** Files the checker is asked about at most, per call. */
const MAX_TYPED_FILES = 200;

const OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  skipDefaultLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
};

/**
 * Asks the checker about every pending instrument call whose receiver is not a relative import. `texts` gives
 * the editor's text of open documents (the rest is read from disk).
 */
export function metersByType(files: Iterable<FileFacts>, texts: ReadonlyMap<string, string> = new Map()): TypedMeters {
  const pending = new Map<string, { start: number; end: number }[]>();
  for (const facts of files) {
    const calls = (facts.pendingInstrumentCalls ?? []).filter((c) => c.receiver === undefined);
    if (calls.length > 0) pending.set(facts.fileName, calls.map((c) => ({ start: c.receiverStart, end: c.receiverEnd })));
    // A program over this many files costs seconds and hundreds of MB; past it the rest stay undecided (unreported).
    if (pending.size >= MAX_TYPED_FILES) break;
  }
  const out = new Map<string, Set<number>>();
  if (pending.size === 0) return out;
  const program = ts.createProgram([...pending.keys()], OPTIONS, hostWith(texts));
  const checker = program.getTypeChecker();
  for (const [fileName, receivers] of pending) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) continue;
    const found = new Set<number>();
    for (const r of receivers) {
      const node = expressionAt(sourceFile, r.start, r.end);
      if (node && isOtelMeter(checker.getTypeAtLocation(node))) found.add(r.start);
    }
    if (found.size > 0) out.set(fileName, found);
  }
  return out;
}

/**
 * Which of the given label values (by range, per file) have a declared type that is a small fixed set: a
 * union of literals, an enum, a boolean, wherever the type is declared. Keys are `line:character` of the range
 * start. `String(x)`, `x.toString()` and `${x}` are judged by `x`.
 */
export function boundedValuesByType(all: ReadonlyMap<string, readonly Range[]>, texts: ReadonlyMap<string, string> = new Map()): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  // TypeScript's checker knows nothing of Python files: their label values are judged by the Python checks alone.
  const requests = new Map([...all].filter(([fileName]) => !/\.py$/i.test(fileName)));
  if (requests.size === 0) return out;
  const program = ts.createProgram([...requests.keys()].slice(0, MAX_TYPED_FILES), OPTIONS, hostWith(texts));
  const checker = program.getTypeChecker();
  for (const [fileName, ranges] of requests) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) continue;
    const found = new Set<string>();
    for (const r of ranges) {
      const start = sourceFile.getPositionOfLineAndCharacter(r.start.line, r.start.character);
      const end = sourceFile.getPositionOfLineAndCharacter(r.end.line, r.end.character);
      const node = expressionAt(sourceFile, start, end);
      if (node && isSmallFixedSet(checker.getTypeAtLocation(textOf(unwrap(node))))) found.add(`${r.start.line}:${r.start.character}`);
    }
    if (found.size > 0) out.set(fileName, found);
  }
  return out;
}

const FIXED = ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.EnumLiteral | ts.TypeFlags.Boolean | ts.TypeFlags.Enum | ts.TypeFlags.Undefined | ts.TypeFlags.Null;

function isSmallFixedSet(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((t) => (t.flags & FIXED) !== 0) && parts.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) === 0);
}

/** A compiler host that reads open documents from `texts`, the rest from disk. */
function hostWith(texts: ReadonlyMap<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => texts.get(f) ?? readFile(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, version, onError) => {
    const text = texts.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, version, true) : getSourceFile(f, version, onError);
  };
  return host;
}

/** The `Meter` interface of @opentelemetry/api (also through a union with undefined, as optional fields are). */
function isOtelMeter(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => {
    const symbol = t.aliasSymbol ?? t.getSymbol();
    return symbol?.getName() === 'Meter' && (symbol.declarations ?? []).some((d) => /[\\/]@opentelemetry[\\/]api[\\/]/.test(d.getSourceFile().fileName));
  });
}

/** The expression spanning exactly [start, end), found by descending into the child that contains it. */
function expressionAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Expression | undefined {
  let current: ts.Node = sourceFile;
  for (let depth = 0; depth < 10_000; depth++) {
    if (current.getStart(sourceFile) === start && current.getEnd() === end && ts.isExpression(current)) return current;
    const next: ts.Node | undefined = ts.forEachChild(current, (child) => (child.getStart(sourceFile) <= start && end <= child.getEnd() ? child : undefined));
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}
