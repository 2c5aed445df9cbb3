/**
 * Where a span was created: the caller's file, line and function, read from one V8 stack frame and
 * mapped through source maps when Node has them (`--enable-source-maps`). Capturing costs about as
 * much as a span, so callers cache the result per call site (see `span-site.ts`).
 */
import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A source location, as recorded in `code.filepath`, `code.lineno` and `code.function`. */
export interface CodeLocation {
  readonly filepath: string;
  /** 1-based. */
  readonly lineno: number;
  /** 1-based. */
  readonly column: number;
  readonly functionName: string | undefined;
}

type StackFunction = (...args: never[]) => unknown;

const returnFrames = (_error: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;
const mapped = new Map<string, CodeLocation | undefined>();
const MAX_MAPPED = 10_000;

/**
 * The location of the code that called `skip` (frames of `skip` and everything it called are
 * omitted), passing over frames `isPassedOver` accepts. Undefined for frames without a file (eval,
 * native). Never throws.
 */
export function captureCallerLocation(skip: StackFunction, isPassedOver?: (frame: NodeJS.CallSite) => boolean): CodeLocation | undefined {
  const frame = captureFrame(skip, isPassedOver);
  return frame === undefined ? undefined : locationOf(frame);
}

/** The raw V8 frame of the code that called `skip` (the first frame `isPassedOver` rejects, if given). */
export function captureFrame(skip: StackFunction, isPassedOver?: (frame: NodeJS.CallSite) => boolean): NodeJS.CallSite | undefined {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = returnFrames;
    Error.stackTraceLimit = isPassedOver === undefined ? 1 : 12;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, skip);
    // Reading `stack` runs prepareStackTrace now, while ours is installed.
    const frames: unknown = holder.stack;
    if (!Array.isArray(frames)) return undefined;
    // The array comes from returnFrames above, so its items are CallSites.
    const callSites = frames as NodeJS.CallSite[];
    return isPassedOver === undefined ? callSites[0] : callSites.find((f) => !isPassedOver(f));
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

/** A cache key for a raw frame: generated file, line and column. */
export function frameKey(frame: NodeJS.CallSite): string {
  return `${frame.getFileName() ?? ''}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0}`;
}

/** Resolves a raw frame to a source location (source-mapped when possible), cached per generated position. */
export function locationOf(frame: NodeJS.CallSite): CodeLocation | undefined {
  try {
    const key = frameKey(frame);
    if (mapped.has(key)) return mapped.get(key);
    const location = resolveFrame(frame);
    if (mapped.size < MAX_MAPPED) mapped.set(key, location);
    return location;
  } catch {
    return undefined;
  }
}

function resolveFrame(frame: NodeJS.CallSite): CodeLocation | undefined {
  const fileName = frame.getFileName() ?? frame.getScriptNameOrSourceURL();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (!fileName || line === null || column === null || fileName.startsWith('node:')) return undefined;
  const filepath = toPath(fileName);
  if (filepath === undefined) return undefined;
  const functionName = functionNameOf(frame);
  const original = mapThroughSourceMap(fileName, filepath, line, column);
  return original === undefined ? { filepath, lineno: line, column, functionName } : { ...original, functionName };
}

function functionNameOf(frame: NodeJS.CallSite): string | undefined {
  const fn = frame.getFunctionName() ?? undefined;
  if (fn === undefined) return undefined;
  if (frame.isToplevel() || frame.isConstructor() || fn.includes('.')) return fn;
  const type = frame.getTypeName();
  return type && type !== 'Object' && type !== 'global' && type !== 'Function' ? `${type}.${fn}` : fn;
}

function mapThroughSourceMap(fileName: string, filepath: string, line: number, column: number): Omit<CodeLocation, 'functionName'> | undefined {
  const map = findSourceMap(fileName) ?? (fileName === filepath ? undefined : findSourceMap(filepath));
  if (map === undefined) return undefined;
  const entry: { originalSource?: string; originalLine?: number; originalColumn?: number } = map.findEntry(line - 1, column - 1);
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  const source = entry.originalSource.startsWith('file:') ? toPath(entry.originalSource) : isAbsolute(entry.originalSource) ? entry.originalSource : resolve(dirname(filepath), entry.originalSource);
  return source === undefined ? undefined : { filepath: source, lineno: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

function toPath(fileName: string): string | undefined {
  if (fileName.startsWith('file:')) {
    try {
      return fileURLToPath(fileName);
    } catch {
      return undefined;
    }
  }
  return isAbsolute(fileName) ? fileName : undefined;
}
