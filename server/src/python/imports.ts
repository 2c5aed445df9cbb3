/**
 * Python imports: the index's {@link ImportFact}s (relative imports as `./m` paths, absolute ones as dotted
 * module names) and the qualified name each local binding stands for, so `pc.Counter`, `Counter` and
 * `prometheus_client.Counter` are recognised alike.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ImportFact } from '../engine/facts';
import type { PythonTree } from './parse-python';
import { rangeOf } from './parse-python';
import { childrenOf, textOf } from './syntax';

/** A file's imports, for the index and for name qualification. */
export interface PythonImports {
  readonly facts: ImportFact[];
  /** Local name → fully qualified name (`pc` → `prometheus_client`, `C` → `prometheus_client.Counter`). */
  readonly qualified: Map<string, string>;
}

/** Reads every import statement of the file (at any depth: imports inside functions count too). */
export function readImports(file: PythonTree, statements: readonly SyntaxNode[]): PythonImports {
  const imports: PythonImports = { facts: [], qualified: new Map() };
  for (const statement of statements) readImport(file, statement, imports);
  return imports;
}

function readImport(file: PythonTree, statement: SyntaxNode, out: PythonImports): void {
  const tokens = childrenOf(statement);
  const range = rangeOf(file, statement);
  if (tokens[0]?.name === 'from') {
    const importAt = tokens.findIndex((t) => t.name === 'import');
    if (importAt < 0) return;
    const moduleTokens = tokens.slice(1, importAt);
    const leading = leadingDots(file, moduleTokens);
    const path = moduleTokens.filter((t) => t.name === 'VariableName').map((t) => textOf(file, t));
    for (const { name, local } of importedNames(file, tokens.slice(importAt + 1))) {
      if (leading > 0) {
        const prefix = leading === 1 ? './' : '../'.repeat(leading - 1);
        const from = path.length > 0 ? `${prefix}${path.join('/')}` : `${prefix}${name}`;
        out.facts.push({ local, imported: path.length > 0 ? name : '*', from, range });
      } else {
        const module = path.join('.');
        out.facts.push({ local, imported: name, from: module, range });
        out.qualified.set(local, `${module}.${name}`);
      }
    }
    return;
  }
  if (tokens[0]?.name !== 'import') return;
  for (const { name, local, isAliased } of importedNames(file, tokens.slice(1))) {
    const root = name.split('.')[0] ?? name;
    const bound = isAliased ? local : root;
    out.facts.push({ local: bound, imported: '*', from: isAliased ? name : root, range });
    out.qualified.set(bound, isAliased ? name : root);
  }
}

/** `.` counts one level, `...` (one token in some grammars) three. */
function leadingDots(file: PythonTree, moduleTokens: readonly SyntaxNode[]): number {
  let count = 0;
  for (const t of moduleTokens) {
    if (t.name === 'VariableName') break;
    count += textOf(file, t).length;
  }
  return count;
}

/** `a.b as c, d` (or `(x as y, z)`) after `import`: each dotted name and the local it binds. */
function importedNames(file: PythonTree, tokens: readonly SyntaxNode[]): { name: string; local: string; isAliased: boolean }[] {
  const out: { name: string; local: string; isAliased: boolean }[] = [];
  let parts: string[] = [];
  let alias: string | undefined;
  let isAfterAs = false;
  const flush = (): void => {
    if (parts.length > 0) out.push({ name: parts.join('.'), local: alias ?? parts.join('.'), isAliased: alias !== undefined });
    parts = [];
    alias = undefined;
    isAfterAs = false;
  };
  for (const t of tokens) {
    if (t.name === ',') flush();
    else if (t.name === 'as') isAfterAs = true;
    else if (t.name === 'VariableName') {
      if (isAfterAs) alias = textOf(file, t);
      else parts.push(textOf(file, t));
    }
  }
  flush();
  return out;
}

/** The qualified name of a dotted local name: its longest imported prefix replaced by what it stands for. */
export function qualify(imports: PythonImports, dotted: string): string | undefined {
  const parts = dotted.split('.');
  for (let n = parts.length; n > 0; n--) {
    const head = parts.slice(0, n).join('.');
    const target = imports.qualified.get(head);
    if (target !== undefined) return [target, ...parts.slice(n)].join('.');
  }
  return undefined;
}
