/** Edit builders shared by the rules' quick fixes. */
import type { MetricDecl, ObjectFact, StringFact, StructDecl } from './facts';
import { isIdentifierName } from './naming';
import type { EditDescriptor, Range } from './types';
import type { WorkspaceView } from './workspace-view';

/** Replaces a string literal's value, keeping its quotes. Undefined when the string is not a plain literal. */
export function replaceStringEdit(fact: StringFact, value: string, fileName?: string): EditDescriptor | undefined {
  if (fact.quote === undefined) return undefined;
  return { range: fact.range, newText: quote(value, fact.quote), ...(fileName !== undefined ? { fileName } : {}) };
}

/**
 * Adds `key: value` at the end of an object literal, or `key=value` at the end of Python keyword arguments,
 * matching its layout. `value` is source text.
 */
export function insertPropertyEdit(object: ObjectFact, key: string, value: string, fileName?: string): EditDescriptor {
  const target = fileName !== undefined ? { fileName } : {};
  const text = object.isKeywordArgs === true ? `${key}=${value}` : `${key}: ${value}`;
  if (!object.lastPropertyEnd) return { range: object.range, newText: object.isKeywordArgs === true ? `(${text})` : `{ ${text} }`, ...target };
  const at: Range = { start: object.lastPropertyEnd, end: object.lastPropertyEnd };
  const newText = object.indent !== undefined ? `,\n${object.indent}${text}` : `, ${text}`;
  return { range: at, newText, ...target };
}

/** `'text'` with the given quote character, escaping as needed. */
export function quote(text: string, q: string): string {
  const escaped = text.replace(/\\/g, '\\\\').split(q).join(`\\${q}`);
  return `${q}${escaped}${q}`;
}

/** The struct that declares a statscope metric, from its file's facts. */
export function structOf(structs: readonly StructDecl[], decl: MetricDecl): StructDecl | undefined {
  return structs.find((s) => s.metrics.includes(decl));
}

/**
 * Renames a declared metric: the struct key and every `stats.key` use across the workspace (statscope),
 * or the name literal (prom-client, OTel). Undefined when some occurrence cannot be rewritten.
 */
export function renameMetricEdits(workspace: WorkspaceView, fileName: string, decl: MetricDecl, newName: string): EditDescriptor[] | undefined {
  if (decl.api !== 'statscope') {
    if (decl.nameQuote === undefined || decl.nameQuote === '') return undefined;
    return [{ range: decl.nameRange, newText: quote(newName, decl.nameQuote) }];
  }
  const struct = structOf(workspace.facts(fileName)?.structs ?? [], decl);
  if (!struct || decl.nameQuote === undefined || decl.name === undefined) return undefined;
  const keyText = decl.nameQuote === '' ? (isIdentifierName(newName) ? newName : quote(newName, "'")) : quote(newName, decl.nameQuote);
  const edits: EditDescriptor[] = [{ range: decl.nameRange, newText: keyText }];
  for (const r of workspace.usesOfStruct(fileName, struct).uses) {
    const handled = r.use.handleMembers ?? 0;
    if (r.offset < handled) continue; // written where the handle was bound: that use carries the edit
    const member = r.use.members[r.offset];
    if (!member || member.name !== decl.name) continue;
    if (member.quote === undefined && !isIdentifierName(newName)) return undefined;
    const newText = member.quote !== undefined ? quote(newName, member.quote) : newName;
    edits.push({ range: member.range, newText, ...(r.fileName !== fileName ? { fileName: r.fileName } : {}) });
  }
  return edits;
}

/** How many distinct files a set of edits touches besides the linted one. */
export function otherFileCount(edits: readonly EditDescriptor[]): number {
  return new Set(edits.flatMap((e) => ('fileName' in e && e.fileName !== undefined ? [e.fileName] : []))).size;
}

/** A quick fix that renames a metric everywhere, titled with how far it reaches. */
export function renameFix(workspace: WorkspaceView, fileName: string, decl: MetricDecl, newName: string | undefined): { title: string; edits: EditDescriptor[] } | undefined {
  if (newName === undefined || newName === decl.name) return undefined;
  const edits = renameMetricEdits(workspace, fileName, decl, newName);
  if (!edits) return undefined;
  const others = otherFileCount(edits);
  const title = others > 0 ? `Rename to '${newName}' (and its uses in ${others} other file${others === 1 ? '' : 's'})` : `Rename to '${newName}'`;
  return { title, edits };
}
