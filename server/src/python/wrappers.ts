/**
 * Python wrappers: a function or method whose parameter becomes a metric's name (`def counter(name, doc): return
 * Counter(name, doc)`), and the calls that may go through one (`self.counter("jobs_total", "Jobs")`), so the names
 * its callers write are checked where they are written, as for TypeScript (see engine/wrapper-table.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { MetricDecl, WrapperCallFact, WrapperFact } from '../engine/facts';
import type { PythonTree } from './parse-python';
import { rangeOf } from './parse-python';
import { argsOf, childrenOf, stringValue, textOf } from './syntax';

/** What a name can be: a metric name as written (no spaces, no format placeholders). */
const METRIC_NAME = /^[A-Za-z_][\w.:-]*$/;

/** The wrapper a declaration whose name is a parameter makes, keyed by how callers call it. */
export function wrapperOf(file: PythonTree, decl: MetricDecl, nameNode: SyntaxNode): WrapperFact | undefined {
  if (decl.isNameFromParameter !== true || nameNode.name !== 'VariableName') return undefined;
  let fn: SyntaxNode | null = nameNode.parent;
  while (fn && fn.name !== 'FunctionDefinition') fn = fn.parent;
  const name = fn ? childrenOf(fn).find((c) => c.name === 'VariableName') : undefined;
  const params = fn ? childrenOf(fn).find((c) => c.name === 'ParamList') : undefined;
  if (!fn || !name || !params) return undefined;
  const names = childrenOf(params).filter((c) => c.name === 'VariableName').map((c) => textOf(file, c));
  // A method's callers do not pass `self`/`cls`.
  const offset = fn.parent?.parent?.name === 'ClassDefinition' && (names[0] === 'self' || names[0] === 'cls') ? 1 : 0;
  const index = names.indexOf(textOf(file, nameNode));
  if (index < offset) return undefined;
  return { name: textOf(file, name), isConstructor: false, paramIndex: index - offset, target: { api: decl.api, kind: decl.kind, shape: 'name', language: 'python' } };
}

/** A call with a metric-like string first: it declares a metric if a wrapper of the workspace has its name. */
export function wrapperCallOf(file: PythonTree, call: SyntaxNode, callee: string): WrapperCallFact | undefined {
  // Most calls do not start with a string: skip them before reading their arguments.
  if (call.lastChild?.firstChild?.nextSibling?.name !== 'String') return undefined;
  const first = argsOf(file, call.lastChild)[0];
  if (!first || first.name !== undefined || first.isSpread || !call.firstChild) return undefined;
  const literal = stringValue(file, first.value);
  if (!literal || !METRIC_NAME.test(literal.value)) return undefined;
  return {
    callee: callee.slice(callee.lastIndexOf('.') + 1),
    isNew: false,
    argIndex: 0,
    shape: 'name',
    name: { value: literal.value, range: rangeOf(file, first.value), ...(literal.quote !== undefined ? { quote: literal.quote } : {}) },
    isTemplate: false,
    range: rangeOf(file, call),
    calleeRange: rangeOf(file, call.firstChild),
  };
}
